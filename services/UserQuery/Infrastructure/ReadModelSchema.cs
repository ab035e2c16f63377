namespace Platform.UserQuery.Infrastructure;

/// <summary>
/// The profile table's names and DDL. The live table is created by the service's migrations (V1__read_model.sql, then V2__erased_profiles.sql); a
/// rebuild creates the same table under another name with <see cref="CreateSql"/> (its indexes named after it), fills
/// it, and swaps the two (<see cref="PostgresReadModelSwap"/>). A test keeps this DDL and the migrations' equal.
/// </summary>
public static class ReadModelSchema
{
    public const string Schema = "user_query";
    public const string Live = "user_profiles";
    public const string Shadow = "user_profiles_rebuild";
    public const string Previous = "user_profiles_previous";
    public const string Profiles = $"{Schema}.{Live}";

    /// <summary>Each index's name is the table's name and this suffix, so a swap can rename them with the table.</summary>
    public static readonly string[] IndexSuffixes = ["pkey", "created_at", "name_trgm", "email_trgm"];

    public static string CreateSql(string table) => $"""
        CREATE SCHEMA IF NOT EXISTS {Schema};
        CREATE TABLE IF NOT EXISTS {Schema}.{table} (
            id uuid CONSTRAINT {table}_pkey PRIMARY KEY,
            name text NOT NULL,
            email text NOT NULL,
            version bigint NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL);
        -- When the read model caught up with the latest event: created_at/updated_at come from the event
        -- store on the same server clock, so the difference is the command-to-read-model lag.
        ALTER TABLE {Schema}.{table} ADD COLUMN IF NOT EXISTS projected_at timestamptz NOT NULL DEFAULT clock_timestamp();
        CREATE INDEX IF NOT EXISTS {table}_created_at ON {Schema}.{table} (created_at, id);
        -- Substring search (ILIKE '%text%') over names and emails: trigram indexes, so it need not read every row.
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX IF NOT EXISTS {table}_name_trgm ON {Schema}.{table} USING gin (name gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS {table}_email_trgm ON {Schema}.{table} USING gin (email gin_trgm_ops);
        -- An erased user's profile (ADR 0038) keeps its id and times, so the registrations per day stay right, and loses its
        -- name and email. A rebuild creates its shadow with the same DDL (ReadModelSchema.CreateSql).
        ALTER TABLE {Schema}.{table} ALTER COLUMN name DROP NOT NULL;
        ALTER TABLE {Schema}.{table} ALTER COLUMN email DROP NOT NULL;
        ALTER TABLE {Schema}.{table} ADD COLUMN IF NOT EXISTS erased_at timestamptz;
        """;
}
