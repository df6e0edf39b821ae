-- 0009: a bounce released by record_send runs the integration hook, once (issue 13).
--
-- The hook is the operator's statement in bounced.conf ([database] hook), which the
-- appliers (`bounced run`, `bounced ingest`, `bounced held release`) run in the
-- transaction that suppresses. record_send is called by the list's own software,
-- which knows no hook: a bounce it releases (0008) suppressed without one. Now it
-- leaves each suppression it caused in pending_hooks; the next applier takes the rows
-- (take_pending_hooks deletes them) and runs the hook for each in that same
-- transaction, so a hook that fails leaves them for the next try, and a row is run by
-- one applier only, once, restarts or not.

CREATE TABLE pending_hooks (
    id           bigserial PRIMARY KEY,
    queued_at    timestamptz NOT NULL,
    address      text NOT NULL,
    bounce_class text NOT NULL,
    reason       text NOT NULL
);

-- Up to p_limit pending hook calls, oldest first, deleted as they are returned: the
-- caller runs the hook for each before it commits. SKIP LOCKED: rows a concurrent
-- applier has taken are its own; it commits them or gives them back.
CREATE FUNCTION take_pending_hooks(p_limit integer)
RETURNS TABLE (address text, bounce_class text, reason text)
LANGUAGE sql SET search_path FROM CURRENT AS $$
    WITH taken AS (
        DELETE FROM pending_hooks WHERE id IN (
            SELECT id FROM pending_hooks ORDER BY id LIMIT p_limit FOR UPDATE SKIP LOCKED)
        RETURNING id, address, bounce_class, reason)
    SELECT address, bounce_class, reason FROM taken ORDER BY id
$$;

-- 0008's record_send; the suppressions its releases make wait in pending_hooks.
CREATE OR REPLACE FUNCTION record_send(email text, message_id text, list text DEFAULT '',
                                       at timestamptz DEFAULT now()) RETURNS void
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    a text := normalise_address(email);
    mid text := normalise_message_id(message_id);
    waiting bigint[];
BEGIN
    INSERT INTO sends (address, domain, message_id, list_id, sent_at)
    VALUES (a, address_domain(a), mid, coalesce(list, ''), at);
    IF mid = '' THEN
        RETURN;
    END IF;
    SELECT array_agg(b.id ORDER BY b.id) INTO waiting FROM bounce_events b
    WHERE b.address = a AND b.original_message_id = mid AND NOT b.trusted AND b.held = 'not-sent'
      AND b.resolution = '' AND b.bounce_class IN ('hard', 'soft', 'complaint', 'policy')
      AND (b.trust_level <> 'signed'
           OR NOT EXISTS (SELECT 1 FROM sends s WHERE s.message_id = mid AND s.address <> a));
    IF waiting IS NOT NULL THEN
        UPDATE bounce_events SET verified = true WHERE id = ANY (waiting);
        INSERT INTO pending_hooks (queued_at, address, bounce_class, reason)
        SELECT at, r.subject, r.bounce_class, r.reason
        FROM release_held(waiting, current_policy(), at, 'send-recorded', '') r
        WHERE r.kind = 'suppressed';
    END IF;
END $$;
