-- 0014: how long applying a batch takes, for /metrics of `bounced serve` (issue 15).
--
-- `bounced serve` is another process than the daemon and cannot read its memory, so
-- the store that applies (db::Store) keeps a histogram of its batches' times and adds
-- it here now and then (db/store_latency.cc): one statement every 10 seconds of
-- applying, when the daemon rescans, and when the store is closed, not one per batch.
-- A write per batch, even one UPDATE in the apply's own statement, cost 3 to 8 % of a
-- one-message batch (bench/README.md).
--
-- One row per bucket, written here once: the table never grows. The bounds are those
-- of kBounds in db/store_latency.cc (tests/bounced/http/api_test.cc checks that a
-- flush adds no row).
CREATE TABLE apply_latency (
    le       float8 PRIMARY KEY,         -- the bucket's upper bound in seconds, 'Infinity' last
    batches  bigint NOT NULL DEFAULT 0,  -- batches whose time fell in (the previous le, le]
    seconds  float8 NOT NULL DEFAULT 0,  -- those batches' times added up
    messages bigint NOT NULL DEFAULT 0   -- the messages in those batches
);
INSERT INTO apply_latency (le)
SELECT unnest(ARRAY[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 'Infinity']::float8[]);
