-- 0012: one failure, one decision, whichever way it was reported (issue 16;
-- docs/webhooks.md "The same bounce by mail and by webhook").
--
-- A provider may report one failure twice: as an event posted to `bounced serve` and
-- as a bounce mailed to the return path (SES's email feedback forwarding, a provider
-- relaying for the list's own MTA). The two share no bytes and no bounce Message-ID,
-- so the identity of 0008 cannot see that they are one bounce; what they share is the
-- recipient, the original message and the verdict. A hard bounce or a complaint that
-- repeats an earlier trusted event with the same address, original Message-ID and
-- class is kept in bounce_events as evidence, but counts and decides nothing: the
-- first one applied decided (the suppression, its reason and time are its), and the
-- repeat cannot add to hard_count, complaint_count or bounce_count. Soft bounces are
-- left as they were: the soft rule counts every soft bounce of a message on purpose
-- and asks for soft_min_messages different messages before it suppresses.
--
-- Only apply_subscribers changes (0007's, with the repeat filter); release_held calls
-- it too, so a released bounce that repeats a trusted one counts nothing either.

CREATE OR REPLACE FUNCTION apply_subscribers(p_events applied_event[], p_policy jsonb, p_at timestamptz)
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
          AND NOT (e.bounce_class IN ('hard', 'complaint') AND EXISTS (
              -- an earlier trusted report of the same failure (the index on address)
              SELECT 1 FROM bounce_events n JOIN bounce_events o
                  ON o.address = n.address AND o.original_message_id = n.original_message_id
                 AND o.bounce_class = n.bounce_class AND o.trusted AND o.id < n.id
              WHERE n.id = e.id AND n.original_message_id <> ''))
        GROUP BY e.address) a;
    IF batch IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT * FROM upsert_subscribers(batch, p_at);
    RETURN QUERY SELECT * FROM suppress_known_subscribers(batch, p_at);
    RETURN QUERY SELECT * FROM count_soft_bounces(batch, p_policy, p_at);
END $$;
