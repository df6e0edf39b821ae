-- 0003: policy bounces punish the receiving domain, not the subscriber.
--
-- A domain that collects policy_limit policy bounces within policy_window is
-- throttled for throttle_duration; a throttle that starts within throttle_memory of
-- the end of the previous one doubles (capped at throttle_max). When the newsletter
-- records its sends, the limit is a rate instead: policy_rate of the domain's sends
-- in the window, but never fewer than policy_min_count bounces.
CREATE FUNCTION apply_domains(p_events jsonb, p_policy jsonb, p_at timestamptz,
                              p_sends_recorded boolean)
RETURNS TABLE (kind text, subject text, bounce_class text, reason text, until timestamptz)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
#variable_conflict use_column
DECLARE
    d record;
    h domain_health;
    n integer;
    sent integer;
    threshold integer;
    repeats integer;
    duration double precision;
    window_start timestamptz := p_at - make_interval(secs => (p_policy->>'policy_window')::float8);
BEGIN
    FOR d IN
        SELECT e.domain, (array_agg(e.reason ORDER BY e.id DESC))[1] AS last_reason
        FROM jsonb_to_recordset(p_events)
             AS e(id bigint, domain text, bounce_class text, reason text, trusted boolean)
        WHERE e.trusted AND e.bounce_class = 'policy' AND e.domain <> ''
        GROUP BY e.domain ORDER BY e.domain
    LOOP
        INSERT INTO domain_health AS t (domain, last_policy_at) VALUES (d.domain, p_at)
        ON CONFLICT (domain) DO UPDATE SET last_policy_at = p_at
        RETURNING * INTO h;

        -- Bounces from before the last throttle started were already acted on.
        SELECT count(*) INTO n FROM bounce_events b
        WHERE b.domain = d.domain AND b.bounce_class = 'policy' AND b.trusted
          AND b.occurred_at > greatest(window_start, coalesce(h.throttled_at, '-infinity'))
          AND b.occurred_at <= p_at;
        UPDATE domain_health SET policy_count = n WHERE domain = d.domain;
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
        CONTINUE WHEN n < threshold;

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
