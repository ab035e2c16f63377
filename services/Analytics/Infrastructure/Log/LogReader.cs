using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.WatchingMetrics;
using Platform.Analytics.Domain;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// The speed layer's reader (ADR 0020): reads the stream from just after the last offset the speed view recorded (from
/// its first message the first time), counts each batch of events in one transaction with the batch's last offset, and
/// only then acknowledges. A crash at any point resumes from the stored offset, so nothing is missed, and an event the
/// outbox sent twice is counted once (its id is stored with its counts).
/// </summary>
public sealed class LogReader(
    IConnectionFactory broker, ISpeedView view, MetricsFeed feed, IOptions<AnalyticsLogOptions> options, ILogger<LogReader> logger) : BackgroundService
{
    private const string OffsetHeader = "x-stream-offset";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReadAsync(stoppingToken);
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Reading the analytics log failed; resuming from the stored offset in 1 s");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task ReadAsync(CancellationToken stop)
    {
        var log = options.Value;
        var resumeAfter = await view.LastOffsetAsync(stop);
        await using var connection = await broker.CreateConnectionAsync("analytics-speed-layer", stop);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stop);
        await channel.BasicQosAsync(0, log.Prefetch, false, stop); // a stream consumer must set a prefetch

        var deliveries = Channel.CreateBounded<Delivery>(log.Prefetch * 2);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => deliveries.Writer.WriteAsync(Read(delivery), stop).AsTask();
        channel.ChannelShutdownAsync += (_, reason) =>
        {
            deliveries.Writer.TryComplete(new IOException($"The channel to the analytics log closed: {reason.ReplyText}"));
            return Task.CompletedTask;
        };
        object start = resumeAfter is { } offset ? offset + 1 : "first";
        await channel.BasicConsumeAsync(log.Stream, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
            arguments: new Dictionary<string, object?> { [OffsetHeader] = start }, consumer, stop);
        logger.LogInformation("Reading the analytics log {Stream} from {Start}", log.Stream, start);

        var batch = new List<Delivery>(log.BatchSize);
        while (await deliveries.Reader.WaitToReadAsync(stop))
        {
            while (batch.Count < log.BatchSize && deliveries.Reader.TryRead(out var delivery))
                batch.Add(delivery);
            await view.CountAsync([.. batch.Where(d => d.Event is not null).Select(d => d.Event!)], batch[^1].Offset, stop);
            await channel.BasicAckAsync(batch[^1].DeliveryTag, multiple: true, stop);
            if (batch.Any(d => d.Event is not null))
                feed.Changed();
            batch.Clear();
        }
        await deliveries.Reader.Completion; // rethrows why the channel closed
    }

    /// <summary>The delivery's offset and event, read while its body is valid (the client reuses the buffer after the handler).</summary>
    private Delivery Read(BasicDeliverEventArgs delivery)
    {
        var offset = delivery.BasicProperties.Headers?.TryGetValue(OffsetHeader, out var value) == true && value is long position
            ? position
            : throw new InvalidOperationException($"A delivery from the stream without its {OffsetHeader} header.");
        try
        {
            return new Delivery(delivery.DeliveryTag, offset, IntegrationEvents.Read(delivery.Body));
        }
        catch (System.Text.Json.JsonException malformed)
        {
            logger.LogWarning(malformed, "Skipping the unreadable message at offset {Offset} of the analytics log", offset);
            return new Delivery(delivery.DeliveryTag, offset, null);
        }
    }

    private sealed record Delivery(ulong DeliveryTag, long Offset, AnalyticsEvent? Event);
}
