using Platform.Analytics.Domain;

namespace Platform.Analytics.Application.QueryingMetrics;

/// <summary>The serving layer's source: the counts between two times, per bucket.</summary>
public interface IMetricsReader
{
    /// <summary>The buckets with any event in [from, to); empty buckets are left out.</summary>
    Task<IReadOnlyList<MetricsBucket>> ReadAsync(DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken ct);

    /// <summary>Distinct users with any event in [from, to): not the sum of the buckets' active users.</summary>
    Task<long> ActiveUsersAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <param name="Start">The bucket's first instant (UTC); it lasts one granularity.</param>
/// <param name="ActiveUsers">Distinct users with any event in the bucket.</param>
/// <param name="Revenue">The confirmed orders' totals, per currency.</param>
public sealed record MetricsBucket(
    DateTimeOffset Start, long Registrations, long EmailChanges, long OrdersPlaced, long OrdersConfirmed, long OrdersCancelled, long ActiveUsers,
    IReadOnlyDictionary<string, decimal> Revenue)
{
    public static MetricsBucket Empty(DateTimeOffset start) => new(start, 0, 0, 0, 0, 0, 0, new Dictionary<string, decimal>());
}
