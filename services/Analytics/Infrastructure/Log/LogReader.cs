using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.WatchingMetrics;
using RabbitMQ.Client;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// The speed layer's reader (ADR 0020): reads the stream from just after the last offset the speed view recorded (from
/// its first message the first time), counts each batch of events in one transaction with the batch's last offset, and
/// only then acknowledges. A crash at any point resumes from the stored offset, so nothing is missed, and an event the
/// outbox sent twice is counted once (its id is stored with its counts).
/// </summary>
public sealed class LogReader(
    IConnectionFactory broker, ISpeedView view, CountingGate counting, MetricsFeed feed, IOptions<AnalyticsLogOptions> options,
    ILogger<LogReader> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Resuming.ForeverAsync(ReadAsync, logger, "Reading the analytics log failed (it resumes from the stored offset)", stoppingToken);

    private async Task ReadAsync(CancellationToken stop)
    {
        var log = options.Value;
        var resumeAfter = await view.LastOffsetAsync(stop);
        object start = resumeAfter is { } offset ? offset + 1 : "first";
        await using var subscription = await LogSubscription.OpenAsync(broker, log, "analytics-speed-layer", start, logger, stop);
        logger.LogInformation("Reading the analytics log {Stream} from {Start}", log.Stream, start);
        while (true)
        {
            var batch = await subscription.NextAsync(log.BatchSize, idle: null, stop);
            var events = batch.Select(d => d.Event).OfType<LoggedEvent>().ToList();
            using (await counting.EnterAsync(stop)) // a replay copies or swaps the view between batches, never inside one
                await view.CountAsync(events, batch[^1].Offset, stop);
            await subscription.AckAsync(batch[^1], stop);
            if (events.Count > 0)
                feed.Changed();
        }
    }
}
