using Npgsql;
using Platform.Analytics.Application.CountingEvents;

namespace Platform.Analytics.Infrastructure.Views;

/// <summary>
/// The speed view in PostgreSQL, counted into the generation in force. A batch is one transaction of set-based
/// statements: the new event ids are inserted (a known id is skipped), only the rows actually inserted are added to
/// the minute counters and the active users, and the reader's offset moves to the batch's last.
/// </summary>
/// <param name="reader">Whose position the view records (<see cref="StreamPosition"/>, the log's reader); null where the
/// events come without positions (a bus, in a process of several modules): then only their ids make counting exactly once,
/// and no position is read or written.</param>
public sealed class PostgresSpeedView(NpgsqlDataSource database, string? reader)
    : ISpeedView
{
    public const string StreamPosition = "speed";

    /// <summary>The offset a count without a log records with its events.</summary>
    public const long NoOffset = 0;

    public async Task<long?> LastOffsetAsync(CancellationToken ct)
    {
        if (reader is null)
            return null;
        await using var command = database.CreateCommand("SELECT log_offset FROM analytics.log_positions WHERE reader = $1");
        command.Parameters.AddValue(reader);
        return await command.ExecuteScalarAsync(ct) is long offset ? offset : null;
    }

    public async Task CountAsync(IReadOnlyList<LoggedEvent> events, long offset, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (events.Count > 0)
        {
            var count = new NpgsqlBatchCommand($"""
                WITH live AS (SELECT generation FROM analytics.views WHERE name = 'speed'),
                new AS (
                    INSERT INTO analytics.speed_events (generation, event_id, kind, user_id, occurred_at, amount, currency, log_offset)
                    SELECT live.generation, e.*
                    FROM live, unnest({EventRows.Arrays}, $7::bigint[]) AS e({EventRows.Columns}, log_offset)
                    ON CONFLICT (generation, event_id) DO NOTHING
                    RETURNING generation, kind, user_id, date_trunc('minute', occurred_at, 'UTC') AS minute, amount, currency),
                counted AS (
                    INSERT INTO analytics.speed_counts AS m (generation, minute, kind, currency, events, amount)
                    SELECT generation, minute, kind, currency, count(*), sum(amount) FROM new GROUP BY generation, minute, kind, currency
                    ON CONFLICT (generation, minute, kind, currency) DO UPDATE SET events = m.events + excluded.events, amount = m.amount + excluded.amount)
                INSERT INTO analytics.speed_active (generation, minute, user_id)
                SELECT DISTINCT generation, minute, user_id FROM new
                ON CONFLICT DO NOTHING
                """);
            count.Parameters.AddEvents([.. events.Select(e => e.Event)]).AddValue(events.Select(e => e.Offset).ToArray());
            batch.BatchCommands.Add(count);
        }
        if (reader is not null)
            batch.Add([reader, offset], """
                INSERT INTO analytics.log_positions (reader, log_offset) VALUES ($1, $2)
                ON CONFLICT (reader) DO UPDATE SET log_offset = greatest(analytics.log_positions.log_offset, excluded.log_offset)
                """);
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
