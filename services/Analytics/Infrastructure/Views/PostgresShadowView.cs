using Npgsql;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.Replaying;

namespace Platform.Analytics.Infrastructure.Views;

/// <summary>
/// A replay's shadow: a new generation of the speed view's tables. Replayed events are only inserted (by id, once);
/// the minutes are counted set-based when the shadow is swapped in, in the transaction that makes it the live view.
/// </summary>
public sealed class PostgresShadowView([FromKeyedServices(AnalyticsLayers.DatabaseName)] NpgsqlDataSource database, ILogger<PostgresShadowView> logger) : IShadowView
{
    public async Task<ShadowStart> BeginAsync(DateTimeOffset from, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var generation = (long)(await new NpgsqlCommand("SELECT nextval('analytics.view_generations')", connection, transaction).ExecuteScalarAsync(ct))!;
        await using var copy = new NpgsqlCommand("""
            INSERT INTO analytics.speed_events (generation, event_id, kind, user_id, occurred_at, amount, currency, log_offset)
            SELECT $1, event_id, kind, user_id, occurred_at, amount, currency, log_offset FROM analytics.speed_events
            WHERE generation = (SELECT generation FROM analytics.views WHERE name = 'speed') AND occurred_at < $2
            """, connection, transaction);
        copy.Parameters.AddValue(generation).AddValue(from.UtcDateTime);
        await copy.ExecuteNonQueryAsync(ct);
        await using var expected = new NpgsqlCommand("""
            SELECT count(*), min(log_offset), (SELECT log_offset FROM analytics.log_positions WHERE reader = 'speed')
            FROM analytics.speed_events
            WHERE generation = (SELECT generation FROM analytics.views WHERE name = 'speed') AND occurred_at >= $1
            """, connection, transaction);
        expected.Parameters.AddValue(from.UtcDateTime);
        await using var row = await expected.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        var start = new ShadowStart(generation, row.IsDBNull(2) ? null : row.GetInt64(2), row.GetInt64(0), row.IsDBNull(1) ? null : row.GetInt64(1));
        await row.DisposeAsync();
        await transaction.CommitAsync(ct);
        return start;
    }

    public async Task<long> AddAsync(long generation, IReadOnlyList<LoggedEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
            return 0;
        await using var insert = database.CreateCommand($"""
            INSERT INTO analytics.speed_events (generation, event_id, kind, user_id, occurred_at, amount, currency, log_offset)
            SELECT $8, e.* FROM unnest({EventRows.Arrays}, $7::bigint[]) AS e({EventRows.Columns}, log_offset)
            ON CONFLICT (generation, event_id) DO NOTHING
            """);
        insert.Parameters.AddEvents([.. events.Select(e => e.Event)]).AddValue(events.Select(e => e.Offset).ToArray()).AddValue(generation);
        return await insert.ExecuteNonQueryAsync(ct);
    }

    public async Task SwapAsync(long generation, CancellationToken ct)
    {
        long replaced;
        await using (var connection = await database.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            replaced = (long)(await new NpgsqlCommand("SELECT generation FROM analytics.views WHERE name = 'speed' FOR UPDATE", connection, transaction)
                .ExecuteScalarAsync(ct))!;
            await using var swap = new NpgsqlBatch(connection, transaction);
            swap.Count("speed", generation, DateTimeOffset.MaxValue);
            swap.Add([generation], "UPDATE analytics.views SET generation = $1, published_at = now() WHERE name = 'speed'");
            await swap.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await DiscardAsync(replaced, ct);
    }

    public Task DiscardAsync(long generation, CancellationToken ct) => database.DropAsync("speed", generation, logger, ct);
}
