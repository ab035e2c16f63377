-- The views as they stood before migrations (ADR 0034): IF NOT EXISTS, so a data folder that has them is baselined.
CREATE SCHEMA IF NOT EXISTS analytics;
-- The first slice's tables (one speed view, no generations): the log is counted again from its start.
DO $$ BEGIN
    IF to_regclass('analytics.counted_events') IS NOT NULL THEN
        DROP TABLE analytics.counted_events, analytics.speed_minutes, analytics.active_minutes;
        DELETE FROM analytics.log_positions;
    END IF;
END $$;

-- Which generation of each view is served; the batch view's watermark is the seam with the speed view.
CREATE TABLE IF NOT EXISTS analytics.views (
    name text PRIMARY KEY,
    generation bigint NOT NULL,
    watermark timestamptz,
    events bigint NOT NULL DEFAULT 0,
    published_at timestamptz NOT NULL DEFAULT now());
CREATE SEQUENCE IF NOT EXISTS analytics.view_generations START 2;
INSERT INTO analytics.views (name, generation) VALUES ('speed', 1), ('batch', 0) ON CONFLICT DO NOTHING;

-- How far each reader of the log has counted.
CREATE TABLE IF NOT EXISTS analytics.log_positions (
    reader text PRIMARY KEY,
    log_offset bigint NOT NULL);

-- The speed view: every event counted (by id, once per generation), counters per minute, who was active when.
CREATE TABLE IF NOT EXISTS analytics.speed_events (
    generation bigint NOT NULL,
    event_id uuid NOT NULL,
    kind text NOT NULL,
    user_id uuid NOT NULL,
    occurred_at timestamptz NOT NULL,
    amount numeric NOT NULL,
    currency text NOT NULL,
    log_offset bigint NOT NULL,
    PRIMARY KEY (generation, event_id));
CREATE INDEX IF NOT EXISTS speed_events_by_time ON analytics.speed_events (generation, occurred_at);
CREATE TABLE IF NOT EXISTS analytics.speed_counts (
    generation bigint NOT NULL,
    minute timestamptz NOT NULL,
    kind text NOT NULL,
    currency text NOT NULL,
    events bigint NOT NULL,
    amount numeric NOT NULL,
    PRIMARY KEY (generation, minute, kind, currency));
CREATE TABLE IF NOT EXISTS analytics.speed_active (
    generation bigint NOT NULL,
    minute timestamptz NOT NULL,
    user_id uuid NOT NULL,
    PRIMARY KEY (generation, minute, user_id));

-- The batch view: the history as read by a run (kept only while it builds), its counters and active users.
CREATE TABLE IF NOT EXISTS analytics.batch_events (
    generation bigint NOT NULL,
    event_id uuid NOT NULL,
    kind text NOT NULL,
    user_id uuid NOT NULL,
    occurred_at timestamptz NOT NULL,
    amount numeric NOT NULL,
    currency text NOT NULL,
    PRIMARY KEY (generation, event_id));
CREATE TABLE IF NOT EXISTS analytics.batch_counts (LIKE analytics.speed_counts INCLUDING ALL);
CREATE TABLE IF NOT EXISTS analytics.batch_active (LIKE analytics.speed_active INCLUDING ALL);
