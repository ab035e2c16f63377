using System.Net.ServerSentEvents;
using Platform.Analytics.Application.WatchingMetrics;

namespace Platform.Analytics.Api;

/// <summary>GET /api/analytics/live: Server-Sent Events, a "metrics" event with the last hour by minute on every change.</summary>
public static class LiveEndpoints
{
    /// <summary>Shorter than any idle timeout on the way (the gateway's is 30 s by default).</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/analytics/live", (MetricsFeed feed, TimeProvider clock, CancellationToken ct) => TypedResults.ServerSentEvents(Events(feed, clock, ct)))
            .WithTags("Analytics")
            .WithName("LiveMetrics")
            .WithSummary("Server-Sent Events: a metrics event (the last hour by minute) on every change, a heartbeat when quiet");
        return app;
    }

    private static async IAsyncEnumerable<SseItem<object>> Events(MetricsFeed feed, TimeProvider clock, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var metrics in feed.SubscribeAsync(Heartbeat, ct))
            yield return metrics is null
                ? new SseItem<object>(new { at = clock.GetUtcNow() }, "heartbeat")
                : new SseItem<object>(metrics, "metrics");
    }
}
