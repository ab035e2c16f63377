-- The policies as they stood before migrations (ADR 0034): IF NOT EXISTS, so a data folder that has them is baselined.
CREATE SCHEMA IF NOT EXISTS gateway;
CREATE TABLE IF NOT EXISTS gateway.policy_versions (
    service text NOT NULL,
    version bigint NOT NULL,
    policy jsonb NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (service, version));
