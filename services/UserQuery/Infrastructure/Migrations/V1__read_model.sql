-- The profile read model as it stood before migrations (ADR 0034): IF NOT EXISTS, so a data folder that has it is baselined.
-- A rebuild creates its shadow with the same DDL (ReadModelSchema.CreateSql; a test keeps the two equal).
CREATE SCHEMA IF NOT EXISTS user_query;
CREATE TABLE IF NOT EXISTS user_query.user_profiles (
    id uuid CONSTRAINT user_profiles_pkey PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL,
    version bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL);
-- When the read model caught up with the latest event: created_at/updated_at come from the event
-- store on the same server clock, so the difference is the command-to-read-model lag.
ALTER TABLE user_query.user_profiles ADD COLUMN IF NOT EXISTS projected_at timestamptz NOT NULL DEFAULT clock_timestamp();
CREATE INDEX IF NOT EXISTS user_profiles_created_at ON user_query.user_profiles (created_at, id);
-- Substring search (ILIKE '%text%') over names and emails: trigram indexes, so it need not read every row.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS user_profiles_name_trgm ON user_query.user_profiles USING gin (name gin_trgm_ops);
CREATE INDEX IF NOT EXISTS user_profiles_email_trgm ON user_query.user_profiles USING gin (email gin_trgm_ops);
