using Npgsql;

namespace Platform.UserQuery.Infrastructure;

/// <summary>Creates the read-model schema on start-up, before the bus delivers the first event.</summary>
public sealed class ReadModelSchema(NpgsqlDataSource db, ILogger<ReadModelSchema> logger) : IHostedService
{
    public const string Profiles = "user_query.user_profiles";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            CREATE SCHEMA IF NOT EXISTS user_query;
            CREATE TABLE IF NOT EXISTS {Profiles} (
                id uuid PRIMARY KEY,
                name text NOT NULL,
                email text NOT NULL,
                version bigint NOT NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL);
            -- When the read model caught up with the latest event: created_at/updated_at come from the event
            -- store on the same server clock, so the difference is the command-to-read-model lag.
            ALTER TABLE {Profiles} ADD COLUMN IF NOT EXISTS projected_at timestamptz NOT NULL DEFAULT clock_timestamp();
            CREATE INDEX IF NOT EXISTS user_profiles_created_at ON {Profiles} (created_at, id);
            -- Substring search (ILIKE '%text%') over names and emails: trigram indexes, so it need not read every row.
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX IF NOT EXISTS user_profiles_name_trgm ON {Profiles} USING gin (name gin_trgm_ops);
            CREATE INDEX IF NOT EXISTS user_profiles_email_trgm ON {Profiles} USING gin (email gin_trgm_ops);
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
        logger.LogInformation("Read-model schema is ready ({Table})", Profiles);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
