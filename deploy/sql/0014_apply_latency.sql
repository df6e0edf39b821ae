-- 0014: how long applying a batch takes, for /metrics of `bounced serve` (issue 15).
--
-- `bounced serve` is another process than the daemon and cannot read its memory, so
-- the store calls apply_batch_timed instead of apply_batch: the same apply, after
-- which the batch's time is added to a fixed set of histogram buckets. It happens in
-- the apply's own statement and transaction: no extra round trip, one UPDATE of one
-- row, and a table that never grows (its rows are the buckets, written once here).
--
-- The time is the server's: from when the statement arrived (the batch's JSON parsed
-- included) to the end of apply_batch. The network, the commit and the operator's
-- hook, which run after, are not in it.
--
-- Each bucket has 8 slots, one chosen by the backend's process id, so that concurrent
-- appliers (one `bounced ingest` per message from the MTA) seldom wait for each
-- other's row lock until commit. Readers add the slots up.
CREATE TABLE apply_latency (
    le       float8 NOT NULL,            -- the bucket's upper bound in seconds, 'Infinity' last
    slot     smallint NOT NULL,          -- 0..7
    batches  bigint NOT NULL DEFAULT 0,  -- batches whose time fell in (the previous le, le]
    seconds  float8 NOT NULL DEFAULT 0,  -- those batches' times added up
    messages bigint NOT NULL DEFAULT 0,  -- the messages in those batches
    PRIMARY KEY (le, slot)
);
INSERT INTO apply_latency (le, slot)
SELECT le, slot
FROM unnest(ARRAY[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 'Infinity']::float8[]) le,
     generate_series(0, 7) slot;

CREATE FUNCTION apply_batch_timed(p_messages jsonb, p_policy jsonb, p_at timestamptz)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    took float8;
BEGIN
    RETURN QUERY SELECT * FROM apply_batch(p_messages, p_policy, p_at);
    took := greatest(extract(epoch FROM clock_timestamp() - statement_timestamp()), 0);
    UPDATE apply_latency a
    SET batches = a.batches + 1, seconds = a.seconds + took, messages = a.messages + jsonb_array_length(p_messages)
    WHERE a.slot = pg_backend_pid() % 8
      AND a.le = (SELECT min(b.le) FROM apply_latency b WHERE b.le >= took);
END $$;
