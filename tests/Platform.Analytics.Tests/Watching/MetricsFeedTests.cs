using Microsoft.Extensions.Logging.Abstractions;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Application.WatchingMetrics;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Tests.Watching;

/// <summary>The live feed reads the metrics for its subscribers, and only while there are any.</summary>
public sealed class MetricsFeedTests
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_nobody_watching_a_change_reads_nothing()
    {
        var reader = new CountingReader();
        var feed = new MetricsFeed(new MetricsQuery(reader, TimeProvider.System), NullLogger<MetricsFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);

        for (var change = 0; change < 5; change++)
        {
            feed.Changed();
            await Task.Delay(MetricsFeed.Coalesce * 1.5);
        }
        await feed.StopAsync(CancellationToken.None);

        Assert.Equal(0, reader.Reads);
    }

    [Fact]
    public async Task A_subscriber_gets_the_current_metrics_and_then_each_change()
    {
        var reader = new CountingReader();
        var feed = new MetricsFeed(new MetricsQuery(reader, TimeProvider.System), NullLogger<MetricsFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var updates = feed.SubscribeAsync(Heartbeat, watching.Token).GetAsyncEnumerator(watching.Token);

        Assert.True(await updates.MoveNextAsync()); // the current state, read for this subscriber
        var first = reader.Reads;
        feed.Changed();
        Assert.True(await updates.MoveNextAsync());

        Assert.NotNull(updates.Current);
        Assert.True(reader.Reads > first, "the change was read for the subscriber");
        await watching.CancelAsync();
        await feed.StopAsync(CancellationToken.None);
    }

    /// <summary>Counts the reads of the buckets: the query asks for them once per read.</summary>
    private sealed class CountingReader : IMetricsReader
    {
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public Task<IReadOnlyList<MetricsBucket>> ReadAsync(DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken ct)
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult<IReadOnlyList<MetricsBucket>>([]);
        }

        public Task<long> ActiveUsersAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => Task.FromResult(0L);
    }
}
