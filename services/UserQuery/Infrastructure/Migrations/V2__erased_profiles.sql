-- An erased user's profile (ADR 0038) keeps its id and times, so the registrations per day stay right, and loses its
-- name and email. A rebuild creates its shadow with the same DDL (ReadModelSchema.CreateSql).
ALTER TABLE user_query.user_profiles ALTER COLUMN name DROP NOT NULL;
ALTER TABLE user_query.user_profiles ALTER COLUMN email DROP NOT NULL;
ALTER TABLE user_query.user_profiles ADD COLUMN IF NOT EXISTS erased_at timestamptz;
