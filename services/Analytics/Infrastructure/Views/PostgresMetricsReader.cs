using Npgsql;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Infrastructure.Views;

/// <summary>
/// The serving layer (ADR 0021): the batch view's minutes before its watermark and the speed view's from it on, added
/// up to hours or days by PostgreSQL. Each query reads the watermark and both views in one snapshot, so a batch run or
/// a replay swapping its view in is seen whole or not at all. A watermark inside a minute splits that minute: the batch
/// view holds its events before the watermark, and the speed view's own events give the rest.
/// </summary>
public sealed class PostgresMetricsReader([FromKeyedServices(AnalyticsLayers.DatabaseName)] NpgsqlDataSource database) : IMetricsReader
{
    /// <summary>The generations in force, the watermark (-infinity before the first batch run) and the minute it falls in.</summary>
    private const string InForce = """
        WITH speed AS (SELECT generation FROM analytics.views WHERE name = 'speed'),
        batch AS (SELECT generation, coalesce(watermark, '-infinity') AS watermark,
                         date_trunc('minute', coalesce(watermark, '-infinity'), 'UTC') AS seam
                  FROM analytics.views WHERE name = 'batch')
        """;

    /// <summary>Counts per minute, kind and currency in [$1, $2), each event from exactly one view.</summary>
    private const string CountRows = $"""
        {InForce}
        SELECT minute, kind, currency, events, amount FROM analytics.batch_counts c, batch
            WHERE c.generation = batch.generation AND minute <= batch.seam AND minute >= $1 AND minute < $2
        UNION ALL
        SELECT minute, kind, currency, events, amount FROM analytics.speed_counts c, speed, batch
            WHERE c.generation = speed.generation AND minute > batch.seam AND minute >= $1 AND minute < $2
        UNION ALL
        SELECT date_trunc('minute', occurred_at, 'UTC'), kind, currency, 1, amount FROM analytics.speed_events e, speed, batch
            WHERE e.generation = speed.generation AND occurred_at >= batch.watermark AND occurred_at < batch.seam + interval '1 minute'
              AND occurred_at >= $1 AND occurred_at < $2
        """;

    /// <summary>Who was active in which minute of [$1, $2), from the same views.</summary>
    private const string ActiveRows = $"""
        {InForce}
        SELECT minute, user_id FROM analytics.batch_active a, batch
            WHERE a.generation = batch.generation AND minute <= batch.seam AND minute >= $1 AND minute < $2
        UNION ALL
        SELECT minute, user_id FROM analytics.speed_active a, speed, batch
            WHERE a.generation = speed.generation AND minute > batch.seam AND minute >= $1 AND minute < $2
        UNION ALL
        SELECT date_trunc('minute', occurred_at, 'UTC'), user_id FROM analytics.speed_events e, speed, batch
            WHERE e.generation = speed.generation AND occurred_at >= batch.watermark AND occurred_at < batch.seam + interval '1 minute'
              AND occurred_at >= $1 AND occurred_at < $2
        """;

    public async Task<IReadOnlyList<MetricsBucket>> ReadAsync(DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken ct)
    {
        var unit = granularity.ToString().ToLowerInvariant();
        var buckets = new Dictionary<DateTimeOffset, Counts>();
        Counts At(DateTime start) => buckets.TryGetValue(new DateTimeOffset(start, TimeSpan.Zero), out var found)
            ? found
            : buckets[new DateTimeOffset(start, TimeSpan.Zero)] = new Counts();

        await using var connection = await database.OpenConnectionAsync(ct);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var counts = new NpgsqlCommand($"""
            SELECT date_trunc($3, minute, 'UTC'), kind, currency, sum(events)::bigint, sum(amount)
            FROM ({CountRows}) m GROUP BY 1, 2, 3
            """, connection, snapshot))
        {
            AddWindow(counts, from, to, unit);
            await using var rows = await counts.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                At(rows.GetDateTime(0)).Add(Enum.Parse<EventKind>(rows.GetString(1)), rows.GetString(2), rows.GetInt64(3), rows.GetDecimal(4));
        }
        await using (var active = new NpgsqlCommand($"""
            SELECT date_trunc($3, minute, 'UTC'), count(DISTINCT user_id) FROM ({ActiveRows}) m GROUP BY 1
            """, connection, snapshot))
        {
            AddWindow(active, from, to, unit);
            await using var rows = await active.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                At(rows.GetDateTime(0)).ActiveUsers = rows.GetInt64(1);
        }
        return [.. buckets.OrderBy(b => b.Key).Select(b => b.Value.ToBucket(b.Key))];
    }

    public async Task<long> ActiveUsersAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT count(DISTINCT user_id) FROM ({ActiveRows}) m");
        command.Parameters.AddValue(from.UtcDateTime).AddValue(to.UtcDateTime);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static void AddWindow(NpgsqlCommand command, DateTimeOffset from, DateTimeOffset to, string unit)
    {
        command.Parameters.AddValue(from.UtcDateTime).AddValue(to.UtcDateTime).AddValue(unit);
    }

    private sealed class Counts
    {
        private readonly Dictionary<EventKind, long> events = [];
        private readonly Dictionary<string, decimal> revenue = [];

        public long ActiveUsers { get; set; }

        public void Add(EventKind kind, string currency, long count, decimal amount)
        {
            events[kind] = events.GetValueOrDefault(kind) + count;
            if (kind == EventKind.OrderConfirmed)
                revenue[currency] = revenue.GetValueOrDefault(currency) + amount;
        }

        public MetricsBucket ToBucket(DateTimeOffset start) => new(start,
            events.GetValueOrDefault(EventKind.UserRegistered), events.GetValueOrDefault(EventKind.UserEmailChanged), events.GetValueOrDefault(EventKind.OrderPlaced),
            events.GetValueOrDefault(EventKind.OrderConfirmed), events.GetValueOrDefault(EventKind.OrderCancelled), ActiveUsers, revenue);
    }
}
