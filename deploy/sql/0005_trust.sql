-- 0005: trust. Bounces are unauthenticated mail: apply_batch now decides, for every
-- recipient result, whether the bounce may change anything (docs/verp.md):
--
--   trust_level 'signed': a valid signed-VERP tag for that very address (the ingest
--                         side checks the tag, it holds the secrets), or an original
--                         Message-ID recorded (record_send) as sent to that address;
--               'dsn':    also an address from a structured part (DSN, ARF,
--                         X-Failed-Recipients, an MTA format, VERP), unless sends are
--                         recorded and the Message-ID was never sent to that address,
--                         or the bounce carries a tag that does not verify;
--               'any':    every parsed bounce.
--
-- The rest are stored with trusted = false and the reason in `held`; they change no
-- subscriber and no domain. Then the rate cap: no sending host (the client our MTA
-- saw) and no bounce sender address makes more than rate_cap bounces that may
-- suppress (hard, soft, complaint) count within rate_window; the surplus is held as
-- rate-cap-host / rate-cap-sender. Two appliers racing may each let a few more
-- through than the cap (XXX: counted per statement, not under a lock).
--
-- The raw bounce is kept in raw_messages when the ingest side sends it, for
-- raw_retention seconds.

ALTER TABLE bounce_events
    ADD COLUMN signature      text NOT NULL DEFAULT '',  -- VERP tag: none, valid, invalid, stale
    ADD COLUMN trust          text NOT NULL DEFAULT '',  -- rested on: signed, sent, structured, guessed
    ADD COLUMN held           text NOT NULL DEFAULT '',  -- why not trusted; '' when trusted
    ADD COLUMN trust_level    text NOT NULL DEFAULT '',  -- the level in force when applied
    ADD COLUMN sender_host    text NOT NULL DEFAULT '',  -- client address of the newest Received
    ADD COLUMN sender_address text NOT NULL DEFAULT '';  -- the bounce's From address
UPDATE bounce_events SET trust = CASE WHEN trusted THEN 'structured' ELSE 'guessed' END,
                         held = CASE WHEN trusted THEN '' ELSE 'guessed' END;
CREATE INDEX bounce_events_rate_host ON bounce_events (sender_host, occurred_at)
    WHERE trusted AND bounce_class IN ('hard', 'soft', 'complaint') AND sender_host <> '';
CREATE INDEX bounce_events_rate_sender ON bounce_events (sender_address, occurred_at)
    WHERE trusted AND bounce_class IN ('hard', 'soft', 'complaint') AND sender_address <> '';
CREATE INDEX bounce_events_fingerprint ON bounce_events (fingerprint);

-- The bounce as it arrived, so a person can read exactly what it said.
CREATE TABLE raw_messages (
    fingerprint text PRIMARY KEY,
    received_at timestamptz NOT NULL,
    bytes       bytea NOT NULL
);
CREATE INDEX raw_messages_received ON raw_messages (received_at);

-- Bounces that changed nothing because they could not be believed, for reports.
CREATE VIEW held_bounces AS
    SELECT occurred_at, address, bounce_class, reason, held, trust_level, signature,
           recipient_source, sender_host, sender_address, original_message_id, fingerprint, source
    FROM bounce_events WHERE NOT trusted;

-- p_messages: [{fp, src, outcome, mid, list, sig, srcpt, shost, saddr, raw (base64),
--              r: [{rcpt, class, reason, status, code, action, diag, mta, rule, rsrc,
--                   trusted (= the address came from a structured part)}]}]
-- p_policy:   db::Policy (policy_json): thresholds, trust_level, rate_cap, rate_window,
--             raw_retention; durations in seconds.
-- Returns what 0002's version returned, and ('held', address, class, why) for each
-- hard, soft, complaint or policy result that was not trusted.
CREATE OR REPLACE FUNCTION apply_batch(p_messages jsonb, p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    sends_recorded boolean := EXISTS (SELECT 1 FROM sends);
    level text := coalesce(p_policy->>'trust_level', 'dsn');
    cap bigint := coalesce((p_policy->>'rate_cap')::bigint, 100);
    rate_start timestamptz := p_at - make_interval(secs => coalesce((p_policy->>'rate_window')::float8, 3600));
    claimed text[];
    events jsonb;
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
           (SELECT coalesce(jsonb_agg(ev), '[]') FROM ev)
    INTO claimed, events;

    RETURN QUERY SELECT 'applied', f, NULL::text, NULL::text, NULL::timestamptz
                 FROM unnest(claimed) AS f;
    RETURN QUERY SELECT 'held'::text, e.address, e.bounce_class, e.held, NULL::timestamptz
                 FROM jsonb_to_recordset(events) AS e(id bigint, address text, bounce_class text, held text)
                 WHERE e.held <> '' AND e.bounce_class IN ('hard', 'soft', 'complaint', 'policy')
                 ORDER BY e.id;
    RETURN QUERY SELECT * FROM apply_subscribers(events, p_policy, p_at);
    RETURN QUERY SELECT * FROM apply_domains(events, p_policy, p_at, sends_recorded);
END $$;
