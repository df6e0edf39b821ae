-- 0004: what the newsletter asks (may I send to this address now?) and what an
-- operator does by hand (suppress, reactivate), with an audit row for each change.

-- Why an address may or may not be sent to at p_at: one row, the strongest reason.
-- why: suppressed | backoff | throttled | ok.
CREATE FUNCTION send_status(p_address text, p_at timestamptz DEFAULT now())
RETURNS TABLE (allowed boolean, why text, since timestamptz, until timestamptz,
               bounce_class text, reason text)
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT allowed, why, since, until, bounce_class, reason FROM (
        SELECT false AS allowed, 'suppressed' AS why, s.suppressed_at AS since,
               NULL::timestamptz AS until, s.suppressed_class AS bounce_class,
               s.suppressed_reason AS reason, 1 AS rank
        FROM subscribers s WHERE s.address = normalise_address(p_address) AND s.status = 'suppressed'
        UNION ALL
        SELECT false, 'backoff', s.last_bounce_at, s.next_send_after, 'soft', s.last_bounce_reason, 2
        FROM subscribers s WHERE s.address = normalise_address(p_address)
          AND s.status = 'active' AND s.next_send_after > p_at
        UNION ALL
        SELECT false, 'throttled', h.throttled_at, h.throttled_until, 'policy', NULL, 3
        FROM domain_health h WHERE h.domain = address_domain(normalise_address(p_address))
          AND h.throttled_until > p_at
        UNION ALL
        SELECT true, 'ok', NULL, NULL, NULL, NULL, 4
    ) x ORDER BY rank LIMIT 1
$$;

CREATE FUNCTION can_send(address text) RETURNS boolean
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT allowed FROM send_status(address, now())
$$;

-- Known addresses that may not be sent to now, and why: anti-join against this.
CREATE VIEW unsendable AS
    SELECT s.address, st.why, st.since, st.until, st.bounce_class, st.reason
    FROM subscribers s, LATERAL send_status(s.address, now()) st
    WHERE NOT st.allowed;

-- Known addresses that may be sent to now.
CREATE VIEW sendable AS
    SELECT s.address, s.domain FROM subscribers s
    LEFT JOIN domain_health h ON h.domain = s.domain
    WHERE s.status = 'active'
      AND (s.next_send_after IS NULL OR s.next_send_after <= now())
      AND (h.throttled_until IS NULL OR h.throttled_until <= now());

-- Suppress by hand or by import. Returns true when the address was not suppressed
-- before (so the caller runs the integration hook); false changes nothing.
CREATE FUNCTION suppress(p_address text, p_class text, p_reason text, p_source text,
                         p_note text, p_actor text, p_at timestamptz)
RETURNS boolean
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    a text := normalise_address(p_address);
    s subscribers;
BEGIN
    INSERT INTO subscribers AS t (address, domain, created_at, updated_at)
    VALUES (a, address_domain(a), now(), now())
    ON CONFLICT (address) DO UPDATE SET updated_at = t.updated_at
    RETURNING * INTO s;
    IF s.status = 'suppressed' THEN
        RETURN false;
    END IF;
    PERFORM suppress_subscriber(a, p_class, p_reason, p_source, p_at);
    INSERT INTO audit_log (actor, action, address, detail, note)
    VALUES (coalesce(nullif(p_actor, ''), current_user), 'suppress', a,
            p_class || ' ' || coalesce(p_reason, '') || ' (' || p_source || ')', coalesce(p_note, ''));
    RETURN true;
END $$;

-- Put a suppressed address back on the list. Backoff and the soft-bounce count start
-- over (bounces before p_at no longer count). Returns false if it was not suppressed.
CREATE FUNCTION reactivate(p_address text, p_note text, p_actor text, p_at timestamptz)
RETURNS boolean
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    a text := normalise_address(p_address);
    old subscribers;
BEGIN
    SELECT * INTO old FROM subscribers WHERE address = a FOR UPDATE;
    IF NOT FOUND OR old.status <> 'suppressed' THEN
        RETURN false;
    END IF;
    UPDATE subscribers SET status = 'active', suppressed_class = NULL, suppressed_reason = NULL,
           suppressed_at = NULL, suppressed_source = NULL, next_send_after = NULL,
           soft_count = 0, soft_counted_since = p_at, updated_at = p_at
    WHERE address = a;
    PERFORM pg_notify('bounced_suppression', a);
    INSERT INTO audit_log (actor, action, address, detail, note)
    VALUES (coalesce(nullif(p_actor, ''), current_user), 'reactivate', a,
            'was ' || old.suppressed_class || ' ' || coalesce(old.suppressed_reason, ''),
            coalesce(p_note, ''));
    RETURN true;
END $$;
