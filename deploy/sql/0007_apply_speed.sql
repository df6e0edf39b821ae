-- 0007: apply_batch, faster, with the same decisions (issue 3's benchmark).
--
-- What the profile of apply_bench (pg_stat_statements, nested auto_explain) showed, and
-- what this migration does about it:
--
-- * The events of a batch travelled between the functions as jsonb, built with
--   jsonb_agg and parsed again three times, and jsonb_to_recordset's fixed estimate
--   of 100 rows made the planner join the subscriber upsert back to its own input
--   with a nested loop: 370,000 comparisons for a batch of 600 addresses. The events
--   now travel as an array of a row type, and no step joins two unindexed sets: what
--   the upsert decides is read from the rows it returns, the rest through the
--   primary key.
-- * Hard bounces and complaints for an address the store has not seen before are
--   suppressed by the upsert that inserts it, instead of an UPDATE of every new row
--   right after (a second row version, and a second entry in each index). The
--   'suppressed' rows of one batch now come in address order, new addresses first.
-- * The policy count of each domain counted every policy bounce since the last
--   throttle began, so it grew with every batch for a throttled domain; a running
--   count in domain_health now carries it from batch to batch (see apply_domains).
-- * The statements that look rows up by key (the batch's addresses in subscribers and
--   bounce_events, its domains in domain_health, sends, the policy index) kept, for
--   the whole session, the plan made when the tables were a few pages long: a
--   sequential scan of subscribers joined to every address of the batch, slower with
--   every batch. The functions run with enable_seqscan off: an index lookup per key
--   is the right plan at every size, and a scan of a whole table never is.
-- * Most of each call went to planning: the statements that read the batch as a
--   parameter were planned again for every call, as their custom plans looked cheaper
--   than the generic one. Plans that do not depend on the batch's size (index lookups
--   per key, hash joins between the batch's own rows) are right for every batch, so
--   the functions use their generic plan from the first call
--   (plan_cache_mode = force_generic_plan). That plan's estimated cost (fixed
--   estimates for the jsonb functions, a sends lookup per recipient) is above
--   jit_above_cost, which made the server compile it with JIT on every call: 140 ms
--   for a batch of one recipient. The functions run with jit off.
-- * bounce_events_fingerprint: no statement reads bounce_events by fingerprint (the
--   raw bounce is found through raw_messages' own key), and with random SHA-256 keys
--   it was the dearest index of the insert. Dropped.

DROP INDEX bounce_events_fingerprint;

-- The running policy count (apply_domains): policy_count bounces lie in
-- (policy_counted_after, policy_seen_until], the oldest at policy_oldest_at, and no
-- policy bounce for the domain is later than policy_seen_until. Null
-- policy_counted_after: not known, count the log again.
ALTER TABLE domain_health
    ADD COLUMN policy_counted_after timestamptz,
    ADD COLUMN policy_oldest_at     timestamptz,
    ADD COLUMN policy_seen_until    timestamptz;

-- One recipient result as the event log stored it: what the decisions need.
CREATE TYPE applied_event AS (id bigint, address text, domain text, bounce_class text,
                              reason text, trusted boolean, held text);

-- The trusted hard, soft and complaint events of one batch for one address.
CREATE TYPE address_bounces AS (address text, events integer, hard boolean, complaint boolean,
                                hard_reason text, complaint_reason text, soft_reason text,
                                last_class text, last_reason text);

DROP FUNCTION apply_subscribers(jsonb, jsonb, timestamptz);
DROP FUNCTION apply_domains(jsonb, jsonb, timestamptz, boolean);

-- As 0005's version: same input, same rows returned in the same order of kinds.
CREATE OR REPLACE FUNCTION apply_batch(p_messages jsonb, p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
DECLARE
    sends_recorded boolean := EXISTS (SELECT 1 FROM sends);
    level text := coalesce(p_policy->>'trust_level', 'dsn');
    cap bigint := coalesce((p_policy->>'rate_cap')::bigint, 100);
    rate_start timestamptz := p_at - make_interval(secs => coalesce((p_policy->>'rate_window')::float8, 3600));
    claimed text[];
    events applied_event[];
BEGIN
    -- Raw bounces past their retention; SKIP LOCKED: a concurrent applier does the rest.
    DELETE FROM raw_messages WHERE fingerprint IN (
        SELECT fingerprint FROM raw_messages
        WHERE received_at < p_at - make_interval(secs => coalesce((p_policy->>'raw_retention')::float8, 7776000))
        ORDER BY fingerprint FOR UPDATE SKIP LOCKED);

    WITH input AS (
        SELECT DISTINCT ON (m.fp) m.* FROM jsonb_to_recordset(p_messages)
            AS m(fp text, src text, outcome text, mid text, list text, sig text, srcpt text,
                 shost text, saddr text, raw text, r jsonb)
        ORDER BY m.fp),
    claim AS (
        INSERT INTO processed_messages (fingerprint, source, outcome, recipients, processed_at)
        SELECT i.fp, coalesce(i.src, ''), coalesce(i.outcome, ''),
               coalesce(jsonb_array_length(i.r), 0), p_at
        FROM input i ORDER BY i.fp
        ON CONFLICT DO NOTHING
        RETURNING fingerprint),
    kept AS (
        INSERT INTO raw_messages (fingerprint, received_at, bytes)
        SELECT i.fp, p_at, decode(i.raw, 'base64')
        FROM input i JOIN claim c ON c.fingerprint = i.fp
        WHERE coalesce(i.raw, '') <> '' ORDER BY i.fp
        ON CONFLICT DO NOTHING
        RETURNING fingerprint),
    rcpt AS (
        SELECT i.fp, coalesce(i.src, '') AS src, normalise_message_id(i.mid) AS mid,
               coalesce(i.list, '') AS list, coalesce(nullif(i.sig, ''), 'none') AS sig,
               lower(coalesce(i.shost, '')) AS shost, normalise_address(coalesce(i.saddr, '')) AS saddr,
               x.*, coalesce(x.trusted, true) AS structured,
               coalesce(i.sig = 'valid' AND normalise_address(i.srcpt) = x.a, false) AS signed,
               CASE WHEN NOT sends_recorded OR normalise_message_id(i.mid) = '' THEN NULL
                    ELSE EXISTS (SELECT 1 FROM sends s WHERE s.message_id = normalise_message_id(i.mid)
                                                         AND s.address = x.a) END AS verified
        FROM input i JOIN claim c ON c.fingerprint = i.fp,
             LATERAL (SELECT normalise_address(y.rcpt) AS a, y.* FROM jsonb_to_recordset(i.r)
                 AS y(rcpt text, class text, reason text, status text, code integer,
                      action text, diag text, mta text, rule text, rsrc text, trusted boolean)) x
        WHERE x.a <> ''),
    judged AS (
        SELECT r.*,
               CASE WHEN r.signed THEN 'signed' WHEN r.verified THEN 'sent'
                    WHEN r.structured THEN 'structured' ELSE 'guessed' END AS basis,
               CASE WHEN level = 'any' OR r.signed OR r.verified IS TRUE THEN ''
                    WHEN r.verified IS FALSE THEN 'not-sent'
                    WHEN r.sig = 'invalid' THEN 'tag-invalid'
                    WHEN level = 'signed' AND r.sig = 'stale' THEN 'tag-stale'
                    WHEN level = 'signed' AND r.sig = 'valid' THEN 'tag-other-address'
                    WHEN level = 'signed' THEN 'unsigned'
                    WHEN NOT r.structured THEN 'guessed'
                    ELSE '' END AS held0,
               r.class IN ('hard', 'soft', 'complaint') AS may_suppress
        FROM rcpt r),
    prior_host AS (
        SELECT h.shost, (SELECT count(*) FROM bounce_events b
                         WHERE b.sender_host = h.shost AND b.sender_host <> '' AND b.trusted
                           AND b.bounce_class IN ('hard', 'soft', 'complaint')
                           AND b.occurred_at > rate_start AND b.occurred_at <= p_at) AS n
        FROM (SELECT DISTINCT j.shost FROM judged j WHERE j.shost <> '') h),
    prior_sender AS (
        SELECT h.saddr, (SELECT count(*) FROM bounce_events b
                         WHERE b.sender_address = h.saddr AND b.sender_address <> '' AND b.trusted
                           AND b.bounce_class IN ('hard', 'soft', 'complaint')
                           AND b.occurred_at > rate_start AND b.occurred_at <= p_at) AS n
        FROM (SELECT DISTINCT j.saddr FROM judged j WHERE j.saddr <> '') h),
    ranked AS (
        SELECT j.*,
               CASE WHEN j.held0 = '' AND j.may_suppress AND j.shost <> '' THEN
                   ph.n + row_number() OVER (PARTITION BY j.shost, j.held0 = '' AND j.may_suppress
                                             ORDER BY j.fp, j.a) END AS host_n,
               CASE WHEN j.held0 = '' AND j.may_suppress AND j.saddr <> '' THEN
                   ps.n + row_number() OVER (PARTITION BY j.saddr, j.held0 = '' AND j.may_suppress
                                             ORDER BY j.fp, j.a) END AS sender_n
        FROM judged j
        LEFT JOIN prior_host ph ON ph.shost = j.shost
        LEFT JOIN prior_sender ps ON ps.saddr = j.saddr),
    decided AS (
        SELECT k.*, CASE WHEN k.held0 <> '' THEN k.held0
                         WHEN k.host_n > cap THEN 'rate-cap-host'
                         WHEN k.sender_n > cap THEN 'rate-cap-sender'
                         ELSE '' END AS held
        FROM ranked k),
    ev AS (
        INSERT INTO bounce_events (occurred_at, fingerprint, source, address, domain,
            bounce_class, reason, status_code, reply_code, action, diagnostic, remote_mta,
            rule, recipient_source, trusted, original_message_id, list_id, verified,
            signature, trust, held, trust_level, sender_host, sender_address)
        SELECT p_at, d.fp, d.src, d.a, address_domain(d.a),
               d.class, d.reason, coalesce(d.status, ''), coalesce(d.code, 0),
               coalesce(d.action, ''), coalesce(d.diag, ''), coalesce(d.mta, ''),
               coalesce(d.rule, ''), coalesce(d.rsrc, ''), d.held = '',
               d.mid, d.list, d.verified, d.sig, d.basis, d.held, level, d.shost, d.saddr
        FROM decided d ORDER BY d.fp, d.a
        RETURNING id, address, domain, bounce_class, reason, trusted, held)
    SELECT (SELECT coalesce(array_agg(fingerprint), '{}') FROM claim),
           (SELECT coalesce(array_agg(ROW(ev.*)::applied_event ORDER BY ev.id), '{}') FROM ev)
    INTO claimed, events;

    RETURN QUERY SELECT 'applied', f, NULL::text, NULL::text, NULL::timestamptz
                 FROM unnest(claimed) AS f;
    RETURN QUERY SELECT 'held'::text, e.address, e.bounce_class, e.held, NULL::timestamptz
                 FROM unnest(events) AS e
                 WHERE e.held <> '' AND e.bounce_class IN ('hard', 'soft', 'complaint', 'policy')
                 ORDER BY e.id;
    RETURN QUERY SELECT * FROM apply_subscribers(events, p_policy, p_at);
    RETURN QUERY SELECT * FROM apply_domains(events, p_policy, p_at, sends_recorded);
END $$;

-- Subscriber decisions for the events of one batch (0002's rules). One upsert takes
-- every row lock in address order and suppresses the new addresses with a hard bounce
-- or a complaint as it inserts them; then one UPDATE each for the hard bounces and
-- complaints of addresses already known, and for soft bounces.
CREATE FUNCTION apply_subscribers(p_events applied_event[], p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
DECLARE
    batch address_bounces[];
BEGIN
    SELECT array_agg(ROW(a.*)::address_bounces ORDER BY a.address) INTO batch FROM (
        SELECT e.address, count(*)::int AS events,
               bool_or(e.bounce_class = 'hard') AS hard,
               bool_or(e.bounce_class = 'complaint') AS complaint,
               (array_agg(e.reason ORDER BY e.id DESC) FILTER (WHERE e.bounce_class = 'hard'))[1] AS hard_reason,
               (array_agg(e.reason ORDER BY e.id DESC) FILTER (WHERE e.bounce_class = 'complaint'))[1] AS complaint_reason,
               (array_agg(e.reason ORDER BY e.id DESC) FILTER (WHERE e.bounce_class = 'soft'))[1] AS soft_reason,
               (array_agg(e.bounce_class ORDER BY e.id DESC))[1] AS last_class,
               (array_agg(e.reason ORDER BY e.id DESC))[1] AS last_reason
        FROM unnest(p_events) AS e
        WHERE e.trusted AND e.bounce_class IN ('hard', 'soft', 'complaint')
        GROUP BY e.address) a;
    IF batch IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT * FROM upsert_subscribers(batch, p_at);
    RETURN QUERY SELECT * FROM suppress_known_subscribers(batch, p_at);
    RETURN QUERY SELECT * FROM count_soft_bounces(batch, p_policy, p_at);
END $$;

-- Counts the batch's bounces on each address, inserting the addresses not seen
-- before; a new address with a hard bounce or a complaint is inserted suppressed
-- (what 0002 did with an UPDATE right after) and returned. xmax = 0 marks a row this
-- statement inserted rather than updated: an existing row's status is left to
-- suppress_known_subscribers, which sees it under the lock taken here.
CREATE FUNCTION upsert_subscribers(p_batch address_bounces[], p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH up AS (
        INSERT INTO subscribers AS t (address, domain, bounce_count, hard_count, complaint_count,
                                      last_bounce_at, last_bounce_class, last_bounce_reason,
                                      status, suppressed_class, suppressed_reason, suppressed_at,
                                      suppressed_source, updated_at)
        SELECT b.address, address_domain(b.address), b.events, b.hard::int, b.complaint::int,
               p_at, b.last_class, b.last_reason,
               CASE WHEN b.hard OR b.complaint THEN 'suppressed' ELSE 'active' END,
               -- A complaint outranks a hard bounce: it is the one with legal weight.
               CASE WHEN b.complaint THEN 'complaint' WHEN b.hard THEN 'hard' END,
               CASE WHEN b.complaint THEN b.complaint_reason WHEN b.hard THEN b.hard_reason END,
               CASE WHEN b.hard OR b.complaint THEN p_at END,
               CASE WHEN b.hard OR b.complaint THEN 'bounce' END,
               CASE WHEN b.hard OR b.complaint THEN p_at ELSE now() END
        FROM unnest(p_batch) b ORDER BY b.address
        ON CONFLICT (address) DO UPDATE SET
            bounce_count = t.bounce_count + excluded.bounce_count,
            hard_count = t.hard_count + excluded.hard_count,
            complaint_count = t.complaint_count + excluded.complaint_count,
            last_bounce_at = p_at, last_bounce_class = excluded.last_bounce_class,
            last_bounce_reason = excluded.last_bounce_reason, updated_at = p_at
        RETURNING t.address, t.status, t.suppressed_class, t.suppressed_reason, t.xmax = 0 AS inserted)
    SELECT 'suppressed'::text, u.address, u.suppressed_class, u.suppressed_reason, NULL::timestamptz
    FROM up u
    JOIN LATERAL (SELECT pg_notify('bounced_suppression', u.address)
                  WHERE u.inserted AND u.status = 'suppressed') n ON true
    ORDER BY u.address;
END $$;

-- Hard bounces and complaints for addresses that were active before this batch. A
-- suppressed address stays as it is; the log keeps the news.
CREATE FUNCTION suppress_known_subscribers(p_batch address_bounces[], p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH done AS (
        UPDATE subscribers t SET status = 'suppressed',
               suppressed_class = CASE WHEN x.complaint THEN 'complaint' ELSE 'hard' END,
               suppressed_reason = CASE WHEN x.complaint THEN x.complaint_reason ELSE x.hard_reason END,
               suppressed_at = p_at, suppressed_source = 'bounce', next_send_after = NULL, updated_at = p_at
        FROM unnest(p_batch) x
        WHERE (x.hard OR x.complaint) AND t.address = x.address AND t.status = 'active'
        RETURNING t.address, t.suppressed_class, t.suppressed_reason)
    SELECT 'suppressed'::text, d.address, d.suppressed_class, d.suppressed_reason, NULL::timestamptz
    FROM done d, LATERAL (SELECT pg_notify('bounced_suppression', d.address)) n
    ORDER BY d.address;
END $$;

-- Soft: only bounces inside the window count (decay), only since the last
-- reactivation, and never one whose Message-ID we know was not sent.
CREATE FUNCTION count_soft_bounces(p_batch address_bounces[], p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH x AS (
        SELECT b.address, b.soft_reason, t.soft_counted_since AS since
        FROM unnest(p_batch) b JOIN subscribers t ON t.address = b.address
        WHERE NOT b.hard AND NOT b.complaint AND b.soft_reason IS NOT NULL AND t.status = 'active'),
    counted AS (
        SELECT x.address, x.soft_reason, count(*)::int AS n,
               count(DISTINCT CASE WHEN b.original_message_id <> '' THEN b.original_message_id
                                   ELSE b.fingerprint END)::int AS messages
        FROM x JOIN bounce_events b ON b.address = x.address
        WHERE b.bounce_class = 'soft' AND b.trusted AND b.verified IS NOT FALSE
          AND b.occurred_at > greatest(p_at - make_interval(secs => (p_policy->>'soft_window')::float8),
                                       coalesce(x.since, '-infinity'))
          AND b.occurred_at <= p_at
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

-- 0003's throttle, with the policy count carried in domain_health instead of counted
-- again from the log for every batch. The count is, as in 0003, the trusted policy
-- bounces of the domain in (floor, p_at], floor = greatest(p_at - policy_window,
-- throttled_at). See policy_count for when the stored count answers that.
CREATE FUNCTION apply_domains(p_events applied_event[], p_policy jsonb, p_at timestamptz,
                              p_sends_recorded boolean)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
DECLARE
    d record;
    h domain_health;
    c record;
    counted_after timestamptz;
    sent integer;
    threshold integer;
    repeats integer;
    duration double precision;
    window_start timestamptz := p_at - make_interval(secs => (p_policy->>'policy_window')::float8);
BEGIN
    FOR d IN
        SELECT e.domain, count(*)::int AS k, (array_agg(e.reason ORDER BY e.id DESC))[1] AS last_reason
        FROM unnest(p_events) AS e
        WHERE e.trusted AND e.bounce_class = 'policy' AND e.domain <> ''
        GROUP BY e.domain ORDER BY e.domain
    LOOP
        -- Takes the row lock; the running count in h is still the one before this batch.
        INSERT INTO domain_health AS t (domain, last_policy_at) VALUES (d.domain, p_at)
        ON CONFLICT (domain) DO UPDATE SET last_policy_at = p_at
        RETURNING * INTO h;

        -- Bounces from before the last throttle started were already acted on.
        counted_after := greatest(window_start, coalesce(h.throttled_at, '-infinity'));
        SELECT * INTO c FROM policy_count(h, d.k, counted_after, p_at);
        UPDATE domain_health SET policy_count = c.n, policy_oldest_at = c.oldest,
               policy_seen_until = c.latest,
               policy_counted_after = CASE WHEN c.latest <= p_at THEN counted_after END
        WHERE domain = d.domain;
        CONTINUE WHEN h.throttled_until > p_at;  -- already throttled

        threshold := (p_policy->>'policy_limit')::int;
        IF p_sends_recorded THEN
            SELECT count(*) INTO sent FROM sends s
            WHERE s.domain = d.domain AND s.sent_at > window_start AND s.sent_at <= p_at;
            IF sent > 0 THEN
                threshold := greatest((p_policy->>'policy_min_count')::int,
                                      ceil((p_policy->>'policy_rate')::float8 * sent)::int);
            END IF;
        END IF;
        CONTINUE WHEN c.n < threshold;

        repeats := CASE WHEN h.throttled_until > p_at - make_interval(
                                 secs => (p_policy->>'throttle_memory')::float8)
                        THEN h.throttle_count ELSE 0 END;
        duration := least((p_policy->>'throttle_duration')::float8 * 2 ^ repeats,
                          (p_policy->>'throttle_max')::float8);
        UPDATE domain_health SET throttled_at = p_at,
               throttled_until = p_at + make_interval(secs => duration),
               throttle_count = repeats + 1
        WHERE domain = d.domain;
        PERFORM pg_notify('bounced_throttle', d.domain);
        RETURN QUERY SELECT 'throttled'::text, d.domain, 'policy'::text, d.last_reason,
                            p_at + make_interval(secs => duration);
    END LOOP;
END $$;

-- The trusted policy bounces of h's domain in (p_after, p_at] (n), the oldest of them,
-- and the latest trusted policy bounce of the domain at all, when p_batch of them
-- (all at p_at, not yet committed) are this batch's. The caller holds the row lock of
-- h and stores the answer in it, in the transaction that inserted the batch's events.
--
-- What h stores answers without reading the log when time has not gone back
-- (p_at >= policy_seen_until: no committed bounce is later than p_at) and either all
-- the stored bounces lie at or before p_after (the count is this batch's alone) or
-- none does (the count is the stored one plus this batch's). Otherwise, when a
-- stored bounce leaves the window or a throttle starts, for an applier whose clock
-- is behind another's, or for a domain from before 0007, the log is counted as 0003
-- did. Every applier updates h under its row lock in the transaction that commits
-- its events, so the stored count always covers every committed policy bounce.
CREATE FUNCTION policy_count(h domain_health, p_batch integer, p_after timestamptz,
                             p_at timestamptz,
                             OUT n integer, OUT oldest timestamptz, OUT latest timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
DECLARE
    own integer := CASE WHEN p_at > p_after THEN p_batch ELSE 0 END;
    in_order boolean := h.policy_seen_until IS NOT NULL AND p_at >= h.policy_seen_until;
BEGIN
    IF in_order AND p_after >= h.policy_seen_until THEN
        n := own;
    ELSIF in_order AND h.policy_counted_after <= p_after
          AND (h.policy_count = 0 OR h.policy_oldest_at > p_after) THEN
        n := h.policy_count + own;
        oldest := CASE WHEN h.policy_count > 0 THEN h.policy_oldest_at END;
    ELSE
        SELECT count(*) FILTER (WHERE b.occurred_at > p_after AND b.occurred_at <= p_at),
               min(b.occurred_at) FILTER (WHERE b.occurred_at > p_after AND b.occurred_at <= p_at),
               max(b.occurred_at)
        INTO n, oldest, latest
        FROM bounce_events b
        WHERE b.domain = h.domain AND b.bounce_class = 'policy' AND b.trusted
          AND b.occurred_at >= least(p_after, p_at);
        RETURN;
    END IF;
    latest := p_at;
    IF oldest IS NULL AND own > 0 THEN
        oldest := p_at;
    END IF;
END $$;
