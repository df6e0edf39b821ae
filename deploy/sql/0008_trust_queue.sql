-- 0008: trust that grows with the list, the held queue, and a bounce's identity
-- (issue 13, items 1, 5 and 7; docs/trust.md).
--
-- * Own MTAs. The ingest side marks a message `own` when every Received field was
--   written by one of the list's own hosts (trust.own_mtas, loopback, this machine) and
--   its Reporting-MTA, if any, is one of them too. Such bounces are never rate-capped:
--   a list's own MTA writes nearly all of its bounces, from one host and one address.
-- * Ties to a send. When sends are recorded, a bounce must be tied to a send to that
--   very address: its original Message-ID recorded for the address ('sent'), or, for
--   a bounce our own MTA wrote without the original Message-ID, a send to the address
--   within send_window ('expected'). Otherwise it is held: 'not-sent' (a Message-ID
--   never sent to the address) or 'untied' (no Message-ID to check).
-- * A shared Message-ID. A campaign Message-ID recorded for many addresses is known to
--   every one of them, so a tie through it ('sent-shared') proves little: at 'signed'
--   only the VERP tag decides for it, and from a remote host it counts against the
--   host's rate budget.
-- * The rate budget of a remote host (or bounce sender address): bounces that rest on
--   structure alone or on a shared Message-ID count; the budget is the larger of
--   rate_cap and baseline_factor times the host's own average per window over
--   baseline_window. Bounces tied by a signature or a personal Message-ID, and our own
--   MTA's, are not counted and never capped.
-- * The held queue: a held bounce stays in bounce_events with trusted = false until a
--   person releases or discards it (`bounced held`), or the send it answers is recorded
--   (record_send releases the 'not-sent' bounces for that address and Message-ID).
--   resolution: '' (open), released, discarded.
-- * Identity. processed_messages.identity is a digest of the bounce's own Message-ID and
--   its failed recipients (computed by the client, db/store_apply.cc): the same bounce
--   arriving twice by different paths (Maildir, then an mbox import; another
--   Delivered-To) is applied once. The raw fingerprint stays the primary key.

ALTER TABLE bounce_events
    ADD COLUMN origin      text NOT NULL DEFAULT '',   -- own (the list's MTAs) or remote
    ADD COLUMN resolution  text NOT NULL DEFAULT '',   -- held queue: '', released, discarded
    ADD COLUMN resolved_at timestamptz,
    ADD COLUMN resolved_by text NOT NULL DEFAULT '';   -- who: an actor, or send-recorded
-- The open queue, oldest first.
CREATE INDEX bounce_events_held_open ON bounce_events (occurred_at, id)
    WHERE NOT trusted AND held <> '' AND resolution = ''
      AND bounce_class IN ('hard', 'soft', 'complaint', 'policy');

ALTER TABLE processed_messages ADD COLUMN identity text;
CREATE UNIQUE INDEX processed_messages_identity ON processed_messages (identity) WHERE identity IS NOT NULL;

-- Ties: was this Message-ID sent to this address (and to anyone else)? Was anything
-- sent to this address lately? Without these the checks read every send of a campaign.
CREATE INDEX sends_message_address ON sends (message_id, address);
CREATE INDEX sends_address ON sends (address, sent_at);

-- The policy of the latest apply_batch, for releases that happen outside one
-- (record_send). One row.
CREATE TABLE policy_in_force (
    one    boolean PRIMARY KEY DEFAULT true CHECK (one),
    policy jsonb NOT NULL
);

-- The product's defaults (db/policy.h) under whatever the latest apply stored.
CREATE FUNCTION current_policy() RETURNS jsonb
    LANGUAGE sql STABLE SET search_path FROM CURRENT
    RETURN '{"soft_backoff_initial":86400,"soft_backoff_max":604800,"soft_limit":5,
             "soft_window":2592000,"soft_min_messages":3,"policy_limit":20,"policy_window":3600,
             "policy_rate":0.05,"policy_min_count":5,"throttle_duration":21600,
             "throttle_max":604800,"throttle_memory":604800,"trust_level":"dsn"}'::jsonb
           || coalesce((SELECT policy FROM policy_in_force), '{}'::jsonb);

-- p_messages: 0005's fields, and own (boolean: written by the list's own MTAs) and
--             key (the identity digest; '' none).
-- p_policy:   0005's, and send_window, baseline_window, baseline_factor.
-- Returns what 0007's version returned.
CREATE OR REPLACE FUNCTION apply_batch(p_messages jsonb, p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
DECLARE
    sends_recorded boolean := EXISTS (SELECT 1 FROM sends);
    level text := coalesce(p_policy->>'trust_level', 'dsn');
    cap bigint := coalesce((p_policy->>'rate_cap')::bigint, 100);
    rate_window float8 := coalesce((p_policy->>'rate_window')::float8, 3600);
    rate_start timestamptz := p_at - make_interval(secs => rate_window);
    baseline_window float8 := greatest(coalesce((p_policy->>'baseline_window')::float8, 30 * 86400), rate_window * 2);
    baseline_start timestamptz := p_at - make_interval(secs => baseline_window);
    baseline_factor float8 := coalesce((p_policy->>'baseline_factor')::float8, 4);
    send_start timestamptz := p_at - make_interval(secs => coalesce((p_policy->>'send_window')::float8, 7 * 86400));
    claimed text[];
    events applied_event[];
BEGIN
    -- Only when it changed: an UPDATE that matches nothing takes no row lock.
    UPDATE policy_in_force SET policy = p_policy WHERE policy IS DISTINCT FROM p_policy;
    IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM policy_in_force) THEN
        INSERT INTO policy_in_force (policy) VALUES (p_policy) ON CONFLICT DO NOTHING;
    END IF;

    -- Raw bounces past their retention; SKIP LOCKED: a concurrent applier does the rest.
    DELETE FROM raw_messages WHERE fingerprint IN (
        SELECT fingerprint FROM raw_messages
        WHERE received_at < p_at - make_interval(secs => coalesce((p_policy->>'raw_retention')::float8, 7776000))
        ORDER BY fingerprint FOR UPDATE SKIP LOCKED);

    WITH input AS (
        SELECT DISTINCT ON (m.fp) m.* FROM jsonb_to_recordset(p_messages)
            AS m(fp text, src text, outcome text, mid text, list text, sig text, srcpt text,
                 shost text, saddr text, own boolean, key text, raw text, r jsonb)
        ORDER BY m.fp),
    -- A second copy of one bounce (same identity) within the batch or after an earlier
    -- one conflicts on processed_messages_identity and is not claimed: a duplicate.
    claim AS (
        INSERT INTO processed_messages (fingerprint, source, outcome, recipients, processed_at, identity)
        SELECT i.fp, coalesce(i.src, ''), coalesce(i.outcome, ''),
               coalesce(jsonb_array_length(i.r), 0), p_at, nullif(i.key, '')
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
               coalesce(i.own, false) AS own,
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
    tied AS (
        SELECT r.*,
               -- the Message-ID was also sent to someone else: a campaign's, known to all
               CASE WHEN r.verified THEN EXISTS (SELECT 1 FROM sends s WHERE s.message_id = r.mid
                                                                      AND s.address <> r.a) END AS shared,
               -- our own MTA's bounce without the original: anything sent there lately?
               CASE WHEN sends_recorded AND r.own AND r.verified IS NULL
                    THEN EXISTS (SELECT 1 FROM sends s WHERE s.address = r.a AND s.sent_at > send_start
                                                         AND s.sent_at <= p_at) END AS expected
        FROM rcpt r),
    judged AS (
        SELECT t.*,
               CASE WHEN t.signed THEN 'signed'
                    WHEN t.verified AND t.shared THEN 'sent-shared'
                    WHEN t.verified THEN 'sent'
                    WHEN t.expected THEN 'expected'
                    WHEN t.structured THEN 'structured' ELSE 'guessed' END AS basis,
               CASE WHEN level = 'any' OR t.signed THEN ''
                    WHEN t.sig = 'invalid' THEN 'tag-invalid'
                    WHEN t.verified IS FALSE THEN 'not-sent'
                    -- at signed, a personal Message-ID ties; a shared one leaves it to the tag
                    WHEN level = 'signed' AND t.verified AND NOT t.shared THEN ''
                    WHEN level = 'signed' AND t.sig = 'stale' THEN 'tag-stale'
                    WHEN level = 'signed' AND t.sig = 'valid' THEN 'tag-other-address'
                    WHEN level = 'signed' THEN 'unsigned'
                    WHEN t.verified THEN ''
                    WHEN NOT t.structured THEN 'guessed'
                    WHEN sends_recorded AND NOT coalesce(t.expected, false) THEN 'untied'
                    ELSE '' END AS held0,
               t.class IN ('hard', 'soft', 'complaint') AS may_suppress
        FROM tied t),
    -- What counts against a remote host's budget: trusted bounces that may suppress
    -- and rest on neither a signature nor a personal Message-ID nor our own MTA.
    budgeted AS (
        SELECT j.*, j.held0 = '' AND j.may_suppress AND NOT j.own
                    AND j.basis NOT IN ('signed', 'sent', 'expected') AS counts
        FROM judged j),
    prior_host AS (
        SELECT h.shost, c.* FROM (SELECT DISTINCT b.shost FROM budgeted b WHERE b.counts AND b.shost <> '') h,
        LATERAL (SELECT count(*) FILTER (WHERE e.occurred_at > rate_start) AS n,
                        count(*) FILTER (WHERE e.occurred_at <= rate_start) AS before
                 FROM bounce_events e
                 WHERE e.sender_host = h.shost AND e.sender_host <> '' AND e.trusted
                   AND e.bounce_class IN ('hard', 'soft', 'complaint') AND e.origin <> 'own'
                   AND e.trust NOT IN ('signed', 'sent', 'expected')
                   AND e.occurred_at > baseline_start AND e.occurred_at <= p_at) c),
    prior_sender AS (
        SELECT h.saddr, c.* FROM (SELECT DISTINCT b.saddr FROM budgeted b WHERE b.counts AND b.saddr <> '') h,
        LATERAL (SELECT count(*) FILTER (WHERE e.occurred_at > rate_start) AS n,
                        count(*) FILTER (WHERE e.occurred_at <= rate_start) AS before
                 FROM bounce_events e
                 WHERE e.sender_address = h.saddr AND e.sender_address <> '' AND e.trusted
                   AND e.bounce_class IN ('hard', 'soft', 'complaint') AND e.origin <> 'own'
                   AND e.trust NOT IN ('signed', 'sent', 'expected')
                   AND e.occurred_at > baseline_start AND e.occurred_at <= p_at) c),
    ranked AS (
        SELECT b.*,
               CASE WHEN b.counts AND b.shost <> '' THEN
                   ph.n + row_number() OVER (PARTITION BY b.shost, b.counts ORDER BY b.fp, b.a) END AS host_n,
               greatest(cap, ceil(baseline_factor * coalesce(ph.before, 0) * rate_window
                                  / (baseline_window - rate_window))::bigint) AS host_cap,
               CASE WHEN b.counts AND b.saddr <> '' THEN
                   ps.n + row_number() OVER (PARTITION BY b.saddr, b.counts ORDER BY b.fp, b.a) END AS sender_n,
               greatest(cap, ceil(baseline_factor * coalesce(ps.before, 0) * rate_window
                                  / (baseline_window - rate_window))::bigint) AS sender_cap
        FROM budgeted b
        LEFT JOIN prior_host ph ON ph.shost = b.shost
        LEFT JOIN prior_sender ps ON ps.saddr = b.saddr),
    decided AS (
        SELECT k.*, CASE WHEN k.held0 <> '' THEN k.held0
                         WHEN k.host_n > k.host_cap THEN 'rate-cap-host'
                         WHEN k.sender_n > k.sender_cap THEN 'rate-cap-sender'
                         ELSE '' END AS held
        FROM ranked k),
    ev AS (
        INSERT INTO bounce_events (occurred_at, fingerprint, source, address, domain,
            bounce_class, reason, status_code, reply_code, action, diagnostic, remote_mta,
            rule, recipient_source, trusted, original_message_id, list_id, verified,
            signature, trust, held, trust_level, sender_host, sender_address, origin)
        SELECT p_at, d.fp, d.src, d.a, address_domain(d.a),
               d.class, d.reason, coalesce(d.status, ''), coalesce(d.code, 0),
               coalesce(d.action, ''), coalesce(d.diag, ''), coalesce(d.mta, ''),
               coalesce(d.rule, ''), coalesce(d.rsrc, ''), d.held = '',
               d.mid, d.list, d.verified, d.sig, d.basis, d.held, level, d.shost, d.saddr,
               CASE WHEN d.own THEN 'own' ELSE 'remote' END
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

-- Releases open held bounces: each is applied now, as if it had been trusted when it
-- arrived (its class and reason; counts and backoff as of p_at). The held reason stays
-- for the record. Returns the decisions, as apply_batch does ('released' per event).
CREATE FUNCTION release_held(p_ids bigint[], p_policy jsonb, p_at timestamptz, p_by text, p_note text)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT
SET enable_seqscan = off SET plan_cache_mode = force_generic_plan SET jit = off AS $$
#variable_conflict use_column
DECLARE
    events applied_event[];
BEGIN
    WITH done AS (
        UPDATE bounce_events b SET trusted = true, resolution = 'released', resolved_at = p_at,
               resolved_by = coalesce(p_by, '')
        WHERE b.id = ANY (p_ids) AND NOT b.trusted AND b.held <> '' AND b.resolution = ''
          AND b.bounce_class IN ('hard', 'soft', 'complaint', 'policy')
        RETURNING b.id, b.address, b.domain, b.bounce_class, b.reason, b.trusted, b.held),
    logged AS (
        INSERT INTO audit_log (at, actor, action, address, detail, note)
        SELECT p_at, coalesce(nullif(p_by, ''), current_user), 'release', d.address,
               'bounce ' || d.id || ' ' || d.bounce_class || '/' || d.reason || ' held as ' || d.held,
               coalesce(p_note, '')
        FROM done d)
    SELECT coalesce(array_agg(ROW(d.id, d.address, d.domain, d.bounce_class, d.reason, true, '')::applied_event
                              ORDER BY d.id), '{}')
    INTO events FROM done d;

    RETURN QUERY SELECT 'released'::text, e.address, e.bounce_class, e.reason, NULL::timestamptz
                 FROM unnest(events) e ORDER BY e.id;
    RETURN QUERY SELECT * FROM apply_subscribers(events, p_policy, p_at);
    RETURN QUERY SELECT * FROM apply_domains(events, p_policy, p_at, true);
END $$;

-- Discards open held bounces: they stay in the log, out of the queue, and change nothing.
-- Returns how many were discarded.
CREATE FUNCTION discard_held(p_ids bigint[], p_at timestamptz, p_by text, p_note text) RETURNS bigint
LANGUAGE sql SET search_path FROM CURRENT
BEGIN ATOMIC
    WITH done AS (
        UPDATE bounce_events b SET resolution = 'discarded', resolved_at = p_at, resolved_by = coalesce(p_by, '')
        WHERE b.id = ANY (p_ids) AND NOT b.trusted AND b.held <> '' AND b.resolution = ''
        RETURNING b.id, b.address, b.bounce_class, b.reason, b.held),
    logged AS (
        INSERT INTO audit_log (at, actor, action, address, detail, note)
        SELECT p_at, coalesce(nullif(p_by, ''), current_user), 'discard', d.address,
               'bounce ' || d.id || ' ' || d.bounce_class || '/' || d.reason || ' held as ' || d.held,
               coalesce(p_note, '')
        FROM done d
        RETURNING 1)
    SELECT count(*) FROM done;
END;

-- The open queue.
CREATE OR REPLACE VIEW held_queue AS
    SELECT id, occurred_at, address, bounce_class, reason, held, trust_level, signature, trust,
           origin, recipient_source, sender_host, sender_address, original_message_id, fingerprint, source
    FROM bounce_events
    WHERE NOT trusted AND held <> '' AND resolution = ''
      AND bounce_class IN ('hard', 'soft', 'complaint', 'policy');

-- 0001's record_send, which now also releases the bounces held because their
-- Message-ID had not been recorded as sent to that address: the send they answer is
-- confirmed. At 'signed' only a personal Message-ID releases (a shared one is known to
-- every recipient). Bounces held for any other reason stay held.
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
        PERFORM release_held(waiting, current_policy(), at, 'send-recorded', '');
    END IF;
END $$;
