-- 0010: what `bounced serve` (docs/http.md) needs from the store.
--
-- 1. reactivate() also lifts a soft-bounce backoff. An operator who reactivates an
--    address wants mail to go to it now, whether it was suppressed or only backing
--    off; before this, an active address in backoff answered "was not suppressed" and
--    stayed blocked. The CLI (`suppressions remove`) and the HTTP API (DELETE) both call
--    this one function, so both write the same audit row.
CREATE OR REPLACE FUNCTION reactivate(p_address text, p_note text, p_actor text, p_at timestamptz)
RETURNS boolean
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    a text := normalise_address(p_address);
    old subscribers;
    was text;
BEGIN
    SELECT * INTO old FROM subscribers WHERE address = a FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF old.status = 'suppressed' THEN
        was := 'was ' || old.suppressed_class || ' ' || coalesce(old.suppressed_reason, '');
    ELSIF old.next_send_after > p_at THEN
        was := 'was backing off until ' || to_char(old.next_send_after AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
    ELSE
        RETURN false;
    END IF;
    UPDATE subscribers SET status = 'active', suppressed_class = NULL, suppressed_reason = NULL,
           suppressed_at = NULL, suppressed_source = NULL, next_send_after = NULL,
           soft_count = 0, soft_counted_since = p_at, updated_at = p_at
    WHERE address = a;
    PERFORM pg_notify('bounced_suppression', a);
    INSERT INTO audit_log (actor, action, address, detail, note)
    VALUES (coalesce(nullif(p_actor, ''), current_user), 'reactivate', a, was, coalesce(p_note, ''));
    RETURN true;
END $$;

-- 2. Keyset pagination of the suppression list, newest first: the API's cursor is the
--    last row's (suppressed_at, address), and a backward scan of this index finds the
--    next page without counting past the earlier ones.
--    It replaces subscribers_suppressed (suppressed_at alone), which it covers: with both,
--    the planner took the narrower one and sorted the page.
CREATE INDEX subscribers_suppressed_page ON subscribers (suppressed_at, address) WHERE status = 'suppressed';
DROP INDEX subscribers_suppressed;
