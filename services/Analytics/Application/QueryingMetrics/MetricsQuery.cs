using Platform.Analytics.Domain;

namespace Platform.Analytics.Application.QueryingMetrics;

/// <summary>
/// GET /api/analytics/metrics: the window aligned to whole buckets, every bucket present (zeros included, so a chart
/// has no holes), and the window's totals.
/// </summary>
public sealed class MetricsQuery(IMetricsReader reader, TimeProvider clock)
{
    public const int MaxBuckets = 1_500;

    public async Task<MetricsAnswer> RunAsync(DateTimeOffset? from, DateTimeOffset? to, Granularity granularity, CancellationToken ct)
    {
        if (from >= to)
            throw new MetricsQueryException("from must be before to.");
        var width = Width(granularity);
        var (start, end) = Window(from, to, width);
        if (start >= end)
            throw new MetricsQueryException("from must be before to.");
        if ((end - start) / width > MaxBuckets)
            throw new MetricsQueryException($"At most {MaxBuckets} buckets: widen the granularity or narrow the window.");

        var found = (await reader.ReadAsync(start, end, granularity, ct)).ToDictionary(bucket => bucket.Start);
        var buckets = new List<MetricsBucket>();
        for (var bucket = start; bucket < end; bucket += width)
            buckets.Add(found.GetValueOrDefault(bucket) ?? MetricsBucket.Empty(bucket));
        var totals = new MetricsTotals(
            buckets.Sum(b => b.Registrations), buckets.Sum(b => b.EmailChanges), buckets.Sum(b => b.OrdersPlaced), buckets.Sum(b => b.OrdersConfirmed),
            buckets.Sum(b => b.OrdersCancelled), await reader.ActiveUsersAsync(start, end, ct),
            buckets.SelectMany(b => b.Revenue).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Value)));
        return new MetricsAnswer(start, end, granularity, totals, buckets);
    }

    /// <summary>
    /// Widened to whole buckets both ways: the bucket that holds <paramref name="to"/> is in, so a window inside one
    /// bucket is that bucket. By default it ends with the current bucket and starts 60 buckets earlier.
    /// </summary>
    private (DateTimeOffset Start, DateTimeOffset End) Window(DateTimeOffset? from, DateTimeOffset? to, TimeSpan width)
    {
        try
        {
            var end = to is { } until ? AlignUp(until, width) : AlignDown(clock.GetUtcNow(), width) + width;
            return (AlignDown(from ?? end - 60 * width, width), end);
        }
        catch (ArgumentOutOfRangeException)
        {
            // 0001-01-01 or 9999-12-31 given as a bound: its bucket, or the hour before it, cannot be written as a date.
            throw new MetricsQueryException("The window reaches beyond the dates the service can represent.");
        }
    }

    /// <summary>Days and hours are whole UTC days and hours; a minute is exact.</summary>
    private static TimeSpan Width(Granularity granularity) => granularity switch
    {
        Granularity.Minute => TimeSpan.FromMinutes(1),
        Granularity.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    private static DateTimeOffset AlignDown(DateTimeOffset time, TimeSpan width) =>
        new(time.UtcTicks - time.UtcTicks % width.Ticks, TimeSpan.Zero);

    private static DateTimeOffset AlignUp(DateTimeOffset time, TimeSpan width) =>
        time.UtcTicks % width.Ticks == 0 ? time.ToUniversalTime() : AlignDown(time, width) + width;
}

public sealed record MetricsAnswer(DateTimeOffset From, DateTimeOffset To, Granularity Granularity, MetricsTotals Totals, IReadOnlyList<MetricsBucket> Buckets);

public sealed record MetricsTotals(
    long Registrations, long EmailChanges, long OrdersPlaced, long OrdersConfirmed, long OrdersCancelled, long ActiveUsers, IReadOnlyDictionary<string, decimal> Revenue);

/// <summary>A query that cannot be answered as asked: a 400 naming why.</summary>
public sealed class MetricsQueryException(string message) : Exception(message);
