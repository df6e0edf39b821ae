-- 0011: provider webhooks (docs/webhooks.md, issue 16).
--
-- A signed webhook names a one-time token (Mailgun: signature.token). A token seen
-- before is a replay and is refused. The tokens live here, not in one server's
-- memory, so that several `bounced serve` behind one address refuse a replay sent to
-- any of them. A token is kept until its timestamp leaves the accepted window
-- (expires_at); after that the timestamp check alone refuses it, so the row can go.
CREATE TABLE webhook_tokens (
    provider   text NOT NULL,          -- mailgun, ...
    token      text NOT NULL,
    expires_at timestamptz NOT NULL,   -- the signed timestamp + the accepted window
    PRIMARY KEY (provider, token)
);
CREATE INDEX webhook_tokens_expiry ON webhook_tokens (expires_at);

-- Claims a token: true when it was not seen before (now it is), false for a replay.
-- Prunes the expired tokens first, a bounded number per call so no call grows with
-- a backlog. Two servers claiming the same token at once: the primary key lets one
-- of them insert; the other waits for its commit and then finds it (false).
CREATE FUNCTION claim_webhook_token(p_provider text, p_token text, p_expires timestamptz,
                                    p_at timestamptz) RETURNS boolean
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM webhook_tokens WHERE ctid IN (
        SELECT ctid FROM webhook_tokens WHERE expires_at < p_at
        ORDER BY expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED);
    INSERT INTO webhook_tokens (provider, token, expires_at)
    VALUES (p_provider, p_token, p_expires)
    ON CONFLICT DO NOTHING;
    RETURN FOUND;
END $$;
