using Npgsql;
using Platform.Analytics.Application.RecomputingBatch;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Infrastructure.Views;

/// <summary>
/// The batch view in PostgreSQL: a run's history goes into a new generation of <c>analytics.batch_events</c>; publishing
/// counts it per minute with two aggregate statements and, in the same transaction, names it the batch view in force
/// with its watermark. The run's raw events and the previous generation are dropped afterwards.
/// </summary>
public sealed class PostgresBatchView([FromKeyedServices(AnalyticsLayers.DatabaseName)] NpgsqlDataSource database, ILogger<PostgresBatchView> logger) : IBatchView
{
    public async Task<long> BeginAsync(CancellationToken ct)
    {
        await using var next = database.CreateCommand("SELECT nextval('analytics.view_generations')");
        return (long)(await next.ExecuteScalarAsync(ct))!;
    }

    public async Task AddAsync(long generation, IReadOnlyList<AnalyticsEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
            return;
        await using var insert = database.CreateCommand($"""
            INSERT INTO analytics.batch_events (generation, {EventRows.Columns})
            SELECT $7, e.* FROM {EventRows.Rows}
            ON CONFLICT (generation, event_id) DO NOTHING
            """);
        insert.Parameters.AddEvents(events).AddValue(generation);
        await insert.ExecuteNonQueryAsync(ct);
    }

    public async Task<long> PublishAsync(long generation, DateTimeOffset watermark, CancellationToken ct)
    {
        long replaced, counted;
        await using (var connection = await database.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            replaced = (long)(await new NpgsqlCommand("SELECT generation FROM analytics.views WHERE name = 'batch' FOR UPDATE", connection, transaction)
                .ExecuteScalarAsync(ct))!;
            await using var publish = new NpgsqlBatch(connection, transaction);
            publish.Count("batch", generation, watermark);
            publish.Add([generation, watermark.UtcDateTime], """
                UPDATE analytics.views SET generation = $1, watermark = $2, published_at = now(),
                    events = (SELECT count(*) FROM analytics.batch_events WHERE generation = $1 AND occurred_at < $2)
                WHERE name = 'batch'
                """);
            await publish.ExecuteNonQueryAsync(ct);
            counted = (long)(await new NpgsqlCommand("SELECT events FROM analytics.views WHERE name = 'batch'", connection, transaction)
                .ExecuteScalarAsync(ct))!;
            await transaction.CommitAsync(ct);
        }
        await DiscardAsync(replaced, ct);
        await using var done = database.CreateCommand("DELETE FROM analytics.batch_events WHERE generation = $1"); // counted: the raw copy has served
        done.Parameters.AddValue(generation);
        await done.ExecuteNonQueryAsync(ct);
        return counted;
    }

    public Task DiscardAsync(long generation, CancellationToken ct) => database.DropAsync("batch", generation, logger, ct);

    public async Task<BatchViewState?> CurrentAsync(CancellationToken ct)
    {
        await using var current = database.CreateCommand(
            "SELECT generation, watermark, events, published_at FROM analytics.views WHERE name = 'batch' AND watermark IS NOT NULL");
        await using var row = await current.ExecuteReaderAsync(ct);
        return await row.ReadAsync(ct)
            ? new BatchViewState(row.GetInt64(0), row.GetFieldValue<DateTimeOffset>(1), row.GetInt64(2), row.GetFieldValue<DateTimeOffset>(3))
            : null;
    }
}
