-- 0002: apply a batch of classified bounce messages (the retry-suppression policy).
--
-- db::Store calls apply_batch once per batch, inside its own transaction, then runs
-- the integration hook for every 'suppressed' row returned, then commits.
--
-- Concurrency: two appliers may hold overlapping batches. Locks are always taken in
-- the same global order (fingerprints sorted, then subscribers by address, then
-- domains by name), so they wait for each other instead of deadlocking, and the
-- fingerprint claim (INSERT ... ON CONFLICT DO NOTHING) lets exactly one of them
-- apply each message. Under READ COMMITTED every statement below sees what the
-- other applier committed before we got its row lock.

-- p_messages: [{fp, src, outcome, mid, list, r: [{rcpt, class, reason, status, code,
--              action, diag, mta, rule, rsrc, trusted}]}]
-- p_policy:   the thresholds (db::Policy), durations in seconds.
-- Returns one row per claimed message ('applied', fingerprint) and per decision:
-- ('suppressed', address, class, reason), ('backoff', address, 'soft', reason, until),
-- ('throttled', domain, 'policy', reason, until).
CREATE FUNCTION apply_batch(p_messages jsonb, p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    sends_recorded boolean := EXISTS (SELECT 1 FROM sends);
    claimed text[];
    events jsonb;
BEGIN
    WITH input AS (
        SELECT DISTINCT ON (m.fp) m.* FROM jsonb_to_recordset(p_messages)
            AS m(fp text, src text, outcome text, mid text, list text, r jsonb)
        ORDER BY m.fp),
    claim AS (
        INSERT INTO processed_messages (fingerprint, source, outcome, recipients, processed_at)
        SELECT i.fp, coalesce(i.src, ''), coalesce(i.outcome, ''),
               coalesce(jsonb_array_length(i.r), 0), p_at
        FROM input i ORDER BY i.fp
        ON CONFLICT DO NOTHING
        RETURNING fingerprint),
    ev AS (
        INSERT INTO bounce_events (occurred_at, fingerprint, source, address, domain,
            bounce_class, reason, status_code, reply_code, action, diagnostic, remote_mta,
            rule, recipient_source, trusted, original_message_id, list_id, verified)
        SELECT p_at, i.fp, coalesce(i.src, ''), x.a, address_domain(x.a),
               x.class, x.reason, coalesce(x.status, ''), coalesce(x.code, 0),
               coalesce(x.action, ''), coalesce(x.diag, ''), coalesce(x.mta, ''),
               coalesce(x.rule, ''), coalesce(x.rsrc, ''), coalesce(x.trusted, true),
               normalise_message_id(i.mid), coalesce(i.list, ''),
               CASE WHEN NOT sends_recorded OR normalise_message_id(i.mid) = '' THEN NULL
                    ELSE EXISTS (SELECT 1 FROM sends s
                                 WHERE s.message_id = normalise_message_id(i.mid)) END
        FROM input i JOIN claim c ON c.fingerprint = i.fp,
             LATERAL (SELECT normalise_address(y.rcpt) AS a, y.* FROM jsonb_to_recordset(i.r)
                 AS y(rcpt text, class text, reason text, status text, code integer,
                      action text, diag text, mta text, rule text, rsrc text, trusted boolean)) x
        WHERE x.a <> ''
        RETURNING id, address, domain, bounce_class, reason, trusted)
    SELECT (SELECT coalesce(array_agg(fingerprint), '{}') FROM claim),
           (SELECT coalesce(jsonb_agg(ev), '[]') FROM ev)
    INTO claimed, events;

    RETURN QUERY SELECT 'applied', f, NULL::text, NULL::text, NULL::timestamptz
                 FROM unnest(claimed) AS f;
    RETURN QUERY SELECT * FROM apply_subscribers(events, p_policy, p_at);
    RETURN QUERY SELECT * FROM apply_domains(events, p_policy, p_at, sends_recorded);
END $$;

-- Subscriber decisions for the events of one batch, one address at a time.
CREATE FUNCTION apply_subscribers(p_events jsonb, p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    a record;
    s subscribers;
    n integer;
    distinct_messages integer;
    backoff double precision;
BEGIN
    FOR a IN
        SELECT e.address,
               count(*) AS events,
               bool_or(e.bounce_class = 'hard') AS hard,
               bool_or(e.bounce_class = 'complaint') AS complaint,
               (array_agg(e.reason ORDER BY e.id DESC) FILTER (WHERE e.bounce_class = 'hard'))[1] AS hard_reason,
               (array_agg(e.reason ORDER BY e.id DESC) FILTER (WHERE e.bounce_class = 'soft'))[1] AS soft_reason,
               (array_agg(e.bounce_class ORDER BY e.id DESC))[1] AS last_class,
               (array_agg(e.reason ORDER BY e.id DESC))[1] AS last_reason
        FROM jsonb_to_recordset(p_events)
             AS e(id bigint, address text, bounce_class text, reason text, trusted boolean)
        WHERE e.trusted AND e.bounce_class IN ('hard', 'soft', 'complaint')
        GROUP BY e.address ORDER BY e.address
    LOOP
        INSERT INTO subscribers AS t (address, domain, bounce_count, hard_count, complaint_count,
                                      last_bounce_at, last_bounce_class, last_bounce_reason)
        VALUES (a.address, address_domain(a.address), a.events,
                CASE WHEN a.hard THEN 1 ELSE 0 END, CASE WHEN a.complaint THEN 1 ELSE 0 END,
                p_at, a.last_class, a.last_reason)
        ON CONFLICT (address) DO UPDATE SET
            bounce_count = t.bounce_count + a.events,
            hard_count = t.hard_count + CASE WHEN a.hard THEN 1 ELSE 0 END,
            complaint_count = t.complaint_count + CASE WHEN a.complaint THEN 1 ELSE 0 END,
            last_bounce_at = p_at, last_bounce_class = a.last_class,
            last_bounce_reason = a.last_reason, updated_at = p_at
        RETURNING * INTO s;

        IF s.status = 'suppressed' THEN
            CONTINUE;  -- already off the list; the event log keeps the news
        ELSIF a.complaint OR a.hard THEN
            -- A complaint outranks a hard bounce: it is the one with legal weight.
            RETURN QUERY SELECT * FROM suppress_subscriber(a.address,
                CASE WHEN a.complaint THEN 'complaint' ELSE 'hard' END,
                CASE WHEN a.complaint THEN 'feedback' ELSE a.hard_reason END, 'bounce', p_at);
        ELSIF a.soft_reason IS NOT NULL THEN
            -- Only soft bounces inside the window count (decay), only since the last
            -- reactivation, and never one whose Message-ID we know was not sent.
            SELECT count(*),
                   count(DISTINCT CASE WHEN b.original_message_id <> '' THEN b.original_message_id
                                       ELSE b.fingerprint END)
            INTO n, distinct_messages
            FROM bounce_events b
            WHERE b.address = a.address AND b.bounce_class = 'soft' AND b.trusted
              AND b.verified IS NOT FALSE
              AND b.occurred_at > p_at - make_interval(secs => (p_policy->>'soft_window')::float8)
              AND b.occurred_at <= p_at
              AND b.occurred_at > coalesce(s.soft_counted_since, '-infinity');
            IF n >= (p_policy->>'soft_limit')::int
               AND distinct_messages >= (p_policy->>'soft_min_messages')::int THEN
                UPDATE subscribers SET soft_count = n WHERE address = a.address;
                RETURN QUERY SELECT * FROM suppress_subscriber(a.address, 'soft', a.soft_reason,
                                                               'bounce', p_at);
            ELSE
                backoff := least((p_policy->>'soft_backoff_initial')::float8 * 2 ^ greatest(n - 1, 0),
                                 (p_policy->>'soft_backoff_max')::float8);
                UPDATE subscribers SET soft_count = n,
                       next_send_after = p_at + make_interval(secs => backoff)
                WHERE address = a.address;
                RETURN QUERY SELECT 'backoff', a.address, 'soft', a.soft_reason,
                                    p_at + make_interval(secs => backoff);
            END IF;
        END IF;
    END LOOP;
END $$;

-- Marks a subscriber suppressed (the caller holds its row lock) and tells listeners.
CREATE FUNCTION suppress_subscriber(p_address text, p_class text, p_reason text,
                                    p_source text, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
BEGIN
    UPDATE subscribers SET status = 'suppressed', suppressed_class = p_class,
           suppressed_reason = p_reason, suppressed_at = p_at, suppressed_source = p_source,
           next_send_after = NULL, updated_at = p_at
    WHERE address = p_address;
    PERFORM pg_notify('bounced_suppression', p_address);
    RETURN QUERY SELECT 'suppressed'::text, p_address, p_class, p_reason, NULL::timestamptz;
END $$;
