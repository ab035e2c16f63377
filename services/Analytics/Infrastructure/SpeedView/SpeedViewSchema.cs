using Npgsql;

namespace Platform.Analytics.Infrastructure.SpeedView;

/// <summary>The speed view's tables, created on start-up before the log is read.</summary>
public sealed class SpeedViewSchema(NpgsqlDataSource database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS analytics;
            -- Every event counted, by its own id: a second copy of an event changes nothing.
            CREATE TABLE IF NOT EXISTS analytics.counted_events (
                event_id uuid PRIMARY KEY,
                kind text NOT NULL,
                user_id uuid NOT NULL,
                occurred_at timestamptz NOT NULL,
                amount numeric NOT NULL DEFAULT 0,
                currency text NOT NULL DEFAULT '',
                log_offset bigint NOT NULL);
            -- The counters, per minute; hours and days add minutes up.
            CREATE TABLE IF NOT EXISTS analytics.speed_minutes (
                minute timestamptz NOT NULL,
                kind text NOT NULL,
                currency text NOT NULL,
                events bigint NOT NULL,
                amount numeric NOT NULL,
                PRIMARY KEY (minute, kind, currency));
            -- Who was active when, for distinct active users over any window.
            CREATE TABLE IF NOT EXISTS analytics.active_minutes (
                minute timestamptz NOT NULL,
                user_id uuid NOT NULL,
                PRIMARY KEY (minute, user_id));
            -- How far each reader of the log has counted.
            CREATE TABLE IF NOT EXISTS analytics.log_positions (
                reader text PRIMARY KEY,
                log_offset bigint NOT NULL);
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
