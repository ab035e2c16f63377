using System.Threading.Channels;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Application.WatchingMetrics;

/// <summary>
/// The live metrics (GET /api/analytics/live): after the speed layer commits, the last hour by minute is read once
/// and pushed to every subscriber. Commits close together are coalesced (at most one read per <see cref="Coalesce"/>),
/// so a burst costs a few reads a second, not one per batch; a slow subscriber only ever misses intermediate states.
/// With nobody watching there is no read at all: under load the reads had cost PostgreSQL a sixth of a core.
/// </summary>
public sealed class MetricsFeed(MetricsQuery query, ILogger<MetricsFeed> logger) : BackgroundService
{
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);
    private readonly Channel<bool> changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock gate = new();
    private readonly List<Channel<MetricsAnswer>> subscribers = [];

    /// <summary>The speed layer counted something: the next read is due.</summary>
    public void Changed() => changes.Writer.TryWrite(true);

    /// <summary>
    /// The current metrics at once, then every change, until <paramref name="ct"/> ends the subscription; null when
    /// nothing changed for <paramref name="heartbeat"/>, so that proxies on the way see the stream alive.
    /// </summary>
    public async IAsyncEnumerable<MetricsAnswer?> SubscribeAsync(
        TimeSpan heartbeat, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var updates = Channel.CreateBounded<MetricsAnswer>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (gate)
            subscribers.Add(updates);
        try
        {
            yield return await ReadAsync(ct);
            while (!ct.IsCancellationRequested)
                yield return await NextAsync(updates.Reader, heartbeat, ct);
        }
        finally
        {
            lock (gate)
                subscribers.Remove(updates);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await Task.Delay(Coalesce, stoppingToken);
                if (!Watched)
                    continue;
                var current = await ReadAsync(stoppingToken);
                lock (gate)
                    foreach (var subscriber in subscribers)
                        subscriber.Writer.TryWrite(current);
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Reading the metrics for the live feed failed; the next change tries again");
            }
        }
    }

    private bool Watched
    {
        get
        {
            lock (gate)
                return subscribers.Count > 0;
        }
    }

    private static async Task<MetricsAnswer?> NextAsync(ChannelReader<MetricsAnswer> updates, TimeSpan heartbeat, CancellationToken ct)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
        quiet.CancelAfter(heartbeat);
        try
        {
            return await updates.ReadAsync(quiet.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private Task<MetricsAnswer> ReadAsync(CancellationToken ct) => query.RunAsync(null, null, Granularity.Minute, ct);
}
