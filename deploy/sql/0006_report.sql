-- 0006: what `bounced report` needs to read one period without scanning the whole log.
-- BRIN indexes: the event log and the processed messages are appended in time order,
-- so a block-range index finds a day's rows for a few pages of index and costs
-- almost nothing on insert (unlike a B-tree, which apply would pay for on every row).
CREATE INDEX bounce_events_occurred_brin ON bounce_events USING brin (occurred_at);
CREATE INDEX processed_messages_processed_brin ON processed_messages USING brin (processed_at);
