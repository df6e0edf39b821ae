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

-- Subscriber decisions for the events of one batch, set-based: one upsert takes every
-- row lock in address order, then one statement each decides hard/complaint and soft.
CREATE FUNCTION apply_subscribers(p_events jsonb, p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    targets jsonb;
    window_start timestamptz := p_at - make_interval(secs => (p_policy->>'soft_window')::float8);
BEGIN
    WITH agg AS (
        SELECT e.address, count(*) AS events,
               bool_or(e.bounce_class = 'hard') AS hard,
               bool_or(e.bounce_class = 'complaint') AS complaint,
               (array_agg(e.reason ORDER BY e.id DESC) FILTER (WHERE e.bounce_class = 'hard'))[1] AS hard_reason,
               (array_agg(e.reason ORDER BY e.id DESC) FILTER (WHERE e.bounce_class = 'complaint'))[1] AS complaint_reason,
               (array_agg(e.reason ORDER BY e.id DESC) FILTER (WHERE e.bounce_class = 'soft'))[1] AS soft_reason,
               (array_agg(e.bounce_class ORDER BY e.id DESC))[1] AS last_class,
               (array_agg(e.reason ORDER BY e.id DESC))[1] AS last_reason
        FROM jsonb_to_recordset(p_events)
             AS e(id bigint, address text, bounce_class text, reason text, trusted boolean)
        WHERE e.trusted AND e.bounce_class IN ('hard', 'soft', 'complaint')
        GROUP BY e.address),
    up AS (
        INSERT INTO subscribers AS t (address, domain, bounce_count, hard_count, complaint_count,
                                      last_bounce_at, last_bounce_class, last_bounce_reason)
        SELECT a.address, address_domain(a.address), a.events, a.hard::int, a.complaint::int,
               p_at, a.last_class, a.last_reason
        FROM agg a ORDER BY a.address
        ON CONFLICT (address) DO UPDATE SET
            bounce_count = t.bounce_count + excluded.bounce_count,
            hard_count = t.hard_count + excluded.hard_count,
            complaint_count = t.complaint_count + excluded.complaint_count,
            last_bounce_at = p_at, last_bounce_class = excluded.last_bounce_class,
            last_bounce_reason = excluded.last_bounce_reason, updated_at = p_at
        RETURNING t.address, t.status, t.soft_counted_since)
    SELECT jsonb_agg(jsonb_build_object('address', a.address, 'hard', a.hard, 'complaint', a.complaint,
               'hard_reason', a.hard_reason, 'complaint_reason', a.complaint_reason,
               'soft_reason', a.soft_reason, 'since', u.soft_counted_since))
    INTO targets
    FROM up u JOIN agg a ON a.address = u.address
    WHERE u.status = 'active';  -- a suppressed address stays as it is; the log keeps the news
    IF targets IS NULL THEN
        RETURN;
    END IF;

    -- A complaint outranks a hard bounce: it is the one with legal weight.
    RETURN QUERY
    WITH x AS (
        SELECT * FROM jsonb_to_recordset(targets) AS x(address text, hard boolean, complaint boolean,
                   hard_reason text, complaint_reason text)
        WHERE x.hard OR x.complaint),
    done AS (
        UPDATE subscribers t SET status = 'suppressed',
               suppressed_class = CASE WHEN x.complaint THEN 'complaint' ELSE 'hard' END,
               suppressed_reason = CASE WHEN x.complaint THEN x.complaint_reason ELSE x.hard_reason END,
               suppressed_at = p_at, suppressed_source = 'bounce', next_send_after = NULL, updated_at = p_at
        FROM x WHERE t.address = x.address
        RETURNING t.address, t.suppressed_class, t.suppressed_reason)
    SELECT 'suppressed'::text, d.address, d.suppressed_class, d.suppressed_reason, NULL::timestamptz
    FROM done d, LATERAL (SELECT pg_notify('bounced_suppression', d.address)) n;

    -- Soft: only bounces inside the window count (decay), only since the last
    -- reactivation, and never one whose Message-ID we know was not sent.
    RETURN QUERY
    WITH x AS (
        SELECT * FROM jsonb_to_recordset(targets) AS x(address text, hard boolean, complaint boolean,
                   soft_reason text, since timestamptz)
        WHERE NOT x.hard AND NOT x.complaint AND x.soft_reason IS NOT NULL),
    counted AS (
        SELECT x.address, x.soft_reason, count(*)::int AS n,
               count(DISTINCT CASE WHEN b.original_message_id <> '' THEN b.original_message_id
                                   ELSE b.fingerprint END)::int AS messages
        FROM x JOIN bounce_events b ON b.address = x.address
        WHERE b.bounce_class = 'soft' AND b.trusted AND b.verified IS NOT FALSE
          AND b.occurred_at > greatest(window_start, coalesce(x.since, '-infinity')) AND b.occurred_at <= p_at
        GROUP BY x.address, x.soft_reason),
    decided AS (
        SELECT c.*, c.n >= (p_policy->>'soft_limit')::int
                    AND c.messages >= (p_policy->>'soft_min_messages')::int AS suppress,
               p_at + make_interval(secs => least(
                   (p_policy->>'soft_backoff_initial')::float8 * 2 ^ greatest(c.n - 1, 0),
                   (p_policy->>'soft_backoff_max')::float8)) AS next_send
        FROM counted c),
    done AS (
        UPDATE subscribers t SET soft_count = d.n,
               status = CASE WHEN d.suppress THEN 'suppressed' ELSE t.status END,
               suppressed_class = CASE WHEN d.suppress THEN 'soft' END,
               suppressed_reason = CASE WHEN d.suppress THEN d.soft_reason END,
               suppressed_at = CASE WHEN d.suppress THEN p_at END,
               suppressed_source = CASE WHEN d.suppress THEN 'bounce' END,
               next_send_after = CASE WHEN d.suppress THEN NULL ELSE d.next_send END,
               updated_at = p_at
        FROM decided d WHERE t.address = d.address
        RETURNING t.address, d.suppress, d.soft_reason, d.next_send)
    SELECT CASE WHEN d.suppress THEN 'suppressed' ELSE 'backoff' END, d.address, 'soft'::text,
           d.soft_reason, CASE WHEN d.suppress THEN NULL ELSE d.next_send END
    FROM done d LEFT JOIN LATERAL (SELECT pg_notify('bounced_suppression', d.address) WHERE d.suppress) n ON true;
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
