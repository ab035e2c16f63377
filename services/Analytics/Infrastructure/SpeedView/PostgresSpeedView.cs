using Npgsql;
using NpgsqlTypes;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Infrastructure.SpeedView;

/// <summary>
/// The speed view in PostgreSQL. A batch is one transaction of set-based statements: the new event ids are inserted
/// (a known id is skipped), only the rows actually inserted are added to the minute counters and the active users,
/// and the reader's offset moves to the batch's last.
/// </summary>
public sealed class PostgresSpeedView(NpgsqlDataSource database) : ISpeedView
{
    private const string Reader = "speed";

    public async Task<long?> LastOffsetAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT log_offset FROM analytics.log_positions WHERE reader = $1");
        command.Parameters.Add(new() { Value = Reader });
        return await command.ExecuteScalarAsync(ct) is long offset ? offset : null;
    }

    public async Task CountAsync(IReadOnlyList<AnalyticsEvent> events, long offset, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (events.Count > 0)
        {
            var count = new NpgsqlBatchCommand("""
                WITH new AS (
                    INSERT INTO analytics.counted_events (event_id, kind, user_id, occurred_at, amount, currency, log_offset)
                    SELECT event_id, kind, user_id, occurred_at, amount, currency, $7
                    FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[], $5::numeric[], $6::text[])
                        AS e(event_id, kind, user_id, occurred_at, amount, currency)
                    ON CONFLICT (event_id) DO NOTHING
                    RETURNING kind, user_id, date_trunc('minute', occurred_at, 'UTC') AS minute, amount, currency),
                counted AS (
                    INSERT INTO analytics.speed_minutes AS m (minute, kind, currency, events, amount)
                    SELECT minute, kind, currency, count(*), sum(amount) FROM new GROUP BY minute, kind, currency
                    ON CONFLICT (minute, kind, currency) DO UPDATE SET events = m.events + excluded.events, amount = m.amount + excluded.amount)
                INSERT INTO analytics.active_minutes (minute, user_id)
                SELECT DISTINCT minute, user_id FROM new
                ON CONFLICT DO NOTHING
                """);
            count.Parameters.Add(new() { Value = events.Select(e => e.EventId).ToArray() });
            count.Parameters.Add(new() { Value = events.Select(e => e.Kind.ToString()).ToArray() });
            count.Parameters.Add(new() { Value = events.Select(e => e.UserId).ToArray() });
            count.Parameters.Add(new() { Value = events.Select(e => e.OccurredAt.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            count.Parameters.Add(new() { Value = events.Select(e => e.Amount).ToArray() });
            count.Parameters.Add(new() { Value = events.Select(e => e.Currency ?? "").ToArray() });
            count.Parameters.Add(new() { Value = offset });
            batch.BatchCommands.Add(count);
        }
        var position = new NpgsqlBatchCommand("""
            INSERT INTO analytics.log_positions (reader, log_offset) VALUES ($1, $2)
            ON CONFLICT (reader) DO UPDATE SET log_offset = greatest(analytics.log_positions.log_offset, excluded.log_offset)
            """);
        position.Parameters.Add(new() { Value = Reader });
        position.Parameters.Add(new() { Value = offset });
        batch.BatchCommands.Add(position);
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
