using Npgsql;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Infrastructure.SpeedView;

/// <summary>The metrics from the speed view's minutes, added up to hours or days by PostgreSQL.</summary>
public sealed class PostgresMetricsReader(NpgsqlDataSource database) : IMetricsReader
{
    public async Task<IReadOnlyList<MetricsBucket>> ReadAsync(DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken ct)
    {
        var unit = granularity.ToString().ToLowerInvariant();
        var buckets = new Dictionary<DateTimeOffset, Counts>();
        Counts At(DateTime start) => buckets.TryGetValue(new DateTimeOffset(start, TimeSpan.Zero), out var found)
            ? found
            : buckets[new DateTimeOffset(start, TimeSpan.Zero)] = new Counts();

        await using (var counts = database.CreateCommand("""
            SELECT date_trunc($3, minute, 'UTC'), kind, currency, sum(events)::bigint, sum(amount)
            FROM analytics.speed_minutes WHERE minute >= $1 AND minute < $2 GROUP BY 1, 2, 3
            """))
        {
            AddWindow(counts, from, to, unit);
            await using var rows = await counts.ExecuteReaderAsync(ct);
            while (await rows.ReadAsync(ct))
                At(rows.GetDateTime(0)).Add(Enum.Parse<EventKind>(rows.GetString(1)), rows.GetString(2), rows.GetInt64(3), rows.GetDecimal(4));
        }
        await using (var active = database.CreateCommand("""
            SELECT date_trunc($3, minute, 'UTC'), count(DISTINCT user_id) FROM analytics.active_minutes
            WHERE minute >= $1 AND minute < $2 GROUP BY 1
            """))
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
        await using var command = database.CreateCommand(
            "SELECT count(DISTINCT user_id) FROM analytics.active_minutes WHERE minute >= $1 AND minute < $2");
        command.Parameters.Add(new() { Value = from.UtcDateTime });
        command.Parameters.Add(new() { Value = to.UtcDateTime });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static void AddWindow(NpgsqlCommand command, DateTimeOffset from, DateTimeOffset to, string unit)
    {
        command.Parameters.Add(new() { Value = from.UtcDateTime });
        command.Parameters.Add(new() { Value = to.UtcDateTime });
        command.Parameters.Add(new() { Value = unit });
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
            events.GetValueOrDefault(EventKind.UserRegistered), events.GetValueOrDefault(EventKind.UserEmailChanged),
            events.GetValueOrDefault(EventKind.OrderConfirmed), events.GetValueOrDefault(EventKind.OrderCancelled), ActiveUsers, revenue);
    }
}
