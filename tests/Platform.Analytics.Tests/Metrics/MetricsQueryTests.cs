using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Tests.Metrics;

/// <summary>The serving layer's window: aligned to whole buckets, every bucket present, totals over the window.</summary>
public sealed class MetricsQueryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-26T10:15:42Z");

    [Fact]
    public async Task By_default_the_last_hour_up_to_the_current_minute_with_zeros_where_nothing_happened()
    {
        var reader = new StubReader(MetricsBucket.Empty(DateTimeOffset.Parse("2026-11-26T10:15:00Z")) with { Registrations = 3 });

        var answer = await new MetricsQuery(reader, new FixedClock(Now)).RunAsync(null, null, Granularity.Minute, CancellationToken.None);

        Assert.Equal(DateTimeOffset.Parse("2026-11-26T09:16:00Z"), answer.From);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T10:16:00Z"), answer.To);
        Assert.Equal(60, answer.Buckets.Count);
        Assert.Equal(3, answer.Buckets[^1].Registrations);
        Assert.All(answer.Buckets.SkipLast(1), bucket => Assert.Equal(0, bucket.Registrations));
        Assert.Equal(3, answer.Totals.Registrations);
    }

    [Fact]
    public async Task A_window_is_widened_to_whole_days_and_revenue_is_summed_per_currency()
    {
        var reader = new StubReader(
            MetricsBucket.Empty(DateTimeOffset.Parse("2026-11-24T00:00:00Z")) with { Revenue = new Dictionary<string, decimal> { ["EUR"] = 10m } },
            MetricsBucket.Empty(DateTimeOffset.Parse("2026-11-25T00:00:00Z")) with { Revenue = new Dictionary<string, decimal> { ["EUR"] = 2.5m, ["USD"] = 1m } });

        var answer = await new MetricsQuery(reader, new FixedClock(Now)).RunAsync(
            DateTimeOffset.Parse("2026-11-24T13:00:00Z"), DateTimeOffset.Parse("2026-11-26T00:00:00Z"), Granularity.Day, CancellationToken.None);

        Assert.Equal([DateTimeOffset.Parse("2026-11-24T00:00:00Z"), DateTimeOffset.Parse("2026-11-25T00:00:00Z")], answer.Buckets.Select(b => b.Start));
        Assert.Equal(12.5m, answer.Totals.Revenue["EUR"]);
        Assert.Equal(1m, answer.Totals.Revenue["USD"]);
    }

    [Fact]
    public async Task A_window_inside_one_bucket_is_that_bucket()
    {
        // The window a user asked for (issue 19): four hours of today, by day.
        var reader = new StubReader(
            MetricsBucket.Empty(DateTimeOffset.Parse("2026-11-25T00:00:00Z")) with { Registrations = 7 },
            MetricsBucket.Empty(DateTimeOffset.Parse("2026-11-26T00:00:00Z")) with { Registrations = 2 });

        var answer = await new MetricsQuery(reader, new FixedClock(Now)).RunAsync(
            DateTimeOffset.Parse("2026-11-26T06:47:00Z"), DateTimeOffset.Parse("2026-11-26T10:47:00Z"), Granularity.Day, CancellationToken.None);

        Assert.Equal(DateTimeOffset.Parse("2026-11-26T00:00:00Z"), answer.From);
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T00:00:00Z"), answer.To);
        Assert.Equal([DateTimeOffset.Parse("2026-11-26T00:00:00Z")], answer.Buckets.Select(b => b.Start));
        Assert.Equal(2, answer.Totals.Registrations);
    }

    [Fact]
    public async Task A_window_ending_mid_bucket_keeps_its_last_partial_bucket()
    {
        var answer = await new MetricsQuery(ThreeHours, new FixedClock(Now)).RunAsync(
            DateTimeOffset.Parse("2026-11-26T08:00:00Z"), DateTimeOffset.Parse("2026-11-26T09:30:00Z"), Granularity.Hour, CancellationToken.None);

        Assert.Equal(DateTimeOffset.Parse("2026-11-26T10:00:00Z"), answer.To);
        Assert.Equal([DateTimeOffset.Parse("2026-11-26T08:00:00Z"), DateTimeOffset.Parse("2026-11-26T09:00:00Z")], answer.Buckets.Select(b => b.Start));
        Assert.Equal([1L, 4L], answer.Buckets.Select(b => b.Registrations));
        Assert.Equal(5, answer.Totals.Registrations);
    }

    [Fact]
    public async Task A_window_on_bucket_boundaries_is_exactly_its_buckets()
    {
        var answer = await new MetricsQuery(ThreeHours, new FixedClock(Now)).RunAsync(
            DateTimeOffset.Parse("2026-11-26T08:00:00Z"), DateTimeOffset.Parse("2026-11-26T10:00:00Z"), Granularity.Hour, CancellationToken.None);

        Assert.Equal(DateTimeOffset.Parse("2026-11-26T08:00:00Z"), answer.From);
        Assert.Equal(DateTimeOffset.Parse("2026-11-26T10:00:00Z"), answer.To);
        Assert.Equal([1L, 4L], answer.Buckets.Select(b => b.Registrations));
        Assert.Equal(5, answer.Totals.Registrations);
    }

    [Fact]
    public async Task A_window_of_exactly_the_limit_is_answered_and_one_bucket_more_is_refused()
    {
        var query = new MetricsQuery(new StubReader(), new FixedClock(Now));
        var from = DateTimeOffset.Parse("2026-11-20T00:00:00Z");

        var answer = await query.RunAsync(from, from.AddMinutes(MetricsQuery.MaxBuckets), Granularity.Minute, CancellationToken.None);

        Assert.Equal(MetricsQuery.MaxBuckets, answer.Buckets.Count);
        await Assert.ThrowsAsync<MetricsQueryException>(() =>
            query.RunAsync(from, from.AddMinutes(MetricsQuery.MaxBuckets).AddSeconds(1), Granularity.Minute, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_or_too_long_window_is_refused()
    {
        var query = new MetricsQuery(new StubReader(), new FixedClock(Now));

        await Assert.ThrowsAsync<MetricsQueryException>(() => query.RunAsync(Now, Now.AddHours(-1), Granularity.Minute, CancellationToken.None));
        await Assert.ThrowsAsync<MetricsQueryException>(() => query.RunAsync(Now, Now, Granularity.Day, CancellationToken.None));
        // Bounds at the ends of the calendar (found by the hostile-input test): refused, not a 500.
        await Assert.ThrowsAsync<MetricsQueryException>(() => query.RunAsync(null, DateTimeOffset.MinValue, Granularity.Minute, CancellationToken.None));
        await Assert.ThrowsAsync<MetricsQueryException>(() => query.RunAsync(null, DateTimeOffset.MaxValue, Granularity.Day, CancellationToken.None));
        await Assert.ThrowsAsync<MetricsQueryException>(() => query.RunAsync(DateTimeOffset.MinValue, null, Granularity.Hour, CancellationToken.None));
        await Assert.ThrowsAsync<MetricsQueryException>(() => query.RunAsync(Now.AddDays(-2), Now, Granularity.Minute, CancellationToken.None));
    }

    /// <summary>1, 4 and 5 registrations in the hours from 08:00, 09:00 and 10:00.</summary>
    private static StubReader ThreeHours => new(
        MetricsBucket.Empty(DateTimeOffset.Parse("2026-11-26T08:00:00Z")) with { Registrations = 1 },
        MetricsBucket.Empty(DateTimeOffset.Parse("2026-11-26T09:00:00Z")) with { Registrations = 4 },
        MetricsBucket.Empty(DateTimeOffset.Parse("2026-11-26T10:00:00Z")) with { Registrations = 5 });

    private sealed class StubReader(params MetricsBucket[] buckets) : IMetricsReader
    {
        public Task<IReadOnlyList<MetricsBucket>> ReadAsync(DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<MetricsBucket>>([.. buckets.Where(b => b.Start >= from && b.Start < to)]);

        public Task<long> ActiveUsersAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => Task.FromResult(0L);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
