-- 0001: the tables of the store. Runs with search_path set to the configured schema
-- (`bounced` by default), so no name here is schema-qualified; functions pin their
-- search_path with SET search_path FROM CURRENT. Applied by `bounced db migrate`.

-- One row per address the store has heard of: bounced, suppressed by hand, imported.
CREATE TABLE subscribers (
    address            text PRIMARY KEY,            -- lower-cased, trimmed
    domain             text NOT NULL,
    status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suppressed')),
    suppressed_class   text,                        -- hard, soft, complaint, manual
    suppressed_reason  text,                        -- a classify reason or the operator's word
    suppressed_at      timestamptz,
    suppressed_source  text,                        -- bounce, manual, import:ses, ...
    next_send_after    timestamptz,                 -- soft-bounce backoff
    soft_count         integer NOT NULL DEFAULT 0,  -- soft bounces in the window at the last one
    soft_counted_since timestamptz,                 -- reactivation restarts the count
    hard_count         integer NOT NULL DEFAULT 0,
    complaint_count    integer NOT NULL DEFAULT 0,
    bounce_count       integer NOT NULL DEFAULT 0,  -- every recipient result, any class
    last_bounce_at     timestamptz,
    last_bounce_class  text,
    last_bounce_reason text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscribers_suppressed ON subscribers (suppressed_at) WHERE status = 'suppressed';
CREATE INDEX subscribers_domain ON subscribers (domain);

-- Append-only: one row per recipient result of every message applied.
CREATE TABLE bounce_events (
    id                  bigserial PRIMARY KEY,
    occurred_at         timestamptz NOT NULL,
    fingerprint         text NOT NULL,
    source              text NOT NULL DEFAULT '',
    address             text NOT NULL,
    domain              text NOT NULL,
    bounce_class        text NOT NULL,
    reason              text NOT NULL,
    status_code         text NOT NULL DEFAULT '',
    reply_code          integer NOT NULL DEFAULT 0,
    action              text NOT NULL DEFAULT '',
    diagnostic          text NOT NULL DEFAULT '',
    remote_mta          text NOT NULL DEFAULT '',
    rule                text NOT NULL DEFAULT '',
    recipient_source    text NOT NULL DEFAULT '',
    trusted             boolean NOT NULL DEFAULT true,  -- false: address guessed from prose
    original_message_id text NOT NULL DEFAULT '',
    list_id             text NOT NULL DEFAULT '',
    verified            boolean                         -- null: sends are not recorded
);
CREATE INDEX bounce_events_address ON bounce_events (address, occurred_at);
CREATE INDEX bounce_events_policy ON bounce_events (domain, occurred_at) WHERE bounce_class = 'policy';

-- Idempotency: a message is applied once, whoever applies it.
CREATE TABLE processed_messages (
    fingerprint  text PRIMARY KEY,
    source       text NOT NULL DEFAULT '',
    outcome      text NOT NULL DEFAULT '',
    recipients   integer NOT NULL DEFAULT 0,
    processed_at timestamptz NOT NULL
);

-- Receiving domains that refuse us for policy reasons.
CREATE TABLE domain_health (
    domain          text PRIMARY KEY,
    policy_count    integer NOT NULL DEFAULT 0,  -- policy bounces in the window at the last one
    last_policy_at  timestamptz,
    throttled_at    timestamptz,
    throttled_until timestamptz,
    throttle_count  integer NOT NULL DEFAULT 0   -- consecutive throttles; doubles the duration
);

-- Manual changes: who did what to which address and why.
CREATE TABLE audit_log (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL DEFAULT current_user,
    action    text NOT NULL,                    -- suppress, reactivate, import
    address   text NOT NULL,
    detail    text NOT NULL DEFAULT '',
    note      text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_address ON audit_log (address, at);

-- Optional: the newsletter records what it sent (see record_send below).
CREATE TABLE sends (
    id         bigserial PRIMARY KEY,
    address    text NOT NULL,
    domain     text NOT NULL,
    message_id text NOT NULL,
    list_id    text NOT NULL DEFAULT '',
    sent_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sends_message_id ON sends (message_id);
CREATE INDEX sends_domain ON sends (domain, sent_at);

-- Address and Message-ID normalisation, in one place for SQL and C++ callers alike.
CREATE FUNCTION normalise_address(a text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    RETURN lower(btrim(a, E' \t\r\n<>'));
CREATE FUNCTION address_domain(a text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    RETURN substr(a, length(a) - strpos(reverse(a), '@') + 2);
CREATE FUNCTION normalise_message_id(m text) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN coalesce(btrim(m, E' \t\r\n<>'), '');

-- The newsletter calls this for each message it sends (optional).
-- `at` exists for tests and back-filling; the newsletter leaves it out.
CREATE FUNCTION record_send(email text, message_id text, list text DEFAULT '',
                            at timestamptz DEFAULT now()) RETURNS void
    LANGUAGE sql SET search_path FROM CURRENT
    BEGIN ATOMIC
        INSERT INTO sends (address, domain, message_id, list_id, sent_at)
        VALUES (normalise_address(email), address_domain(normalise_address(email)),
                normalise_message_id(message_id), coalesce(list, ''), at);
    END;
