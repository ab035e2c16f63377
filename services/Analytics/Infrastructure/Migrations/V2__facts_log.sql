-- The analytics log became a stream of facts, ids only (ADR 0038), with offsets of its own. The speed view is counted
-- again from that stream's first record, as V1 did for the first slice's tables; the batch layer's next run recomputes
-- everything before its watermark from the event stores, so only the minutes after the last watermark wait for it.
DELETE FROM analytics.speed_events;
DELETE FROM analytics.speed_counts;
DELETE FROM analytics.speed_active;
DELETE FROM analytics.log_positions;
