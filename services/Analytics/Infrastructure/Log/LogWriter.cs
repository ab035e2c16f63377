using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// Writes the analytics log (ADR 0038): reads the integration events from its own queue, bound to their exchanges, and
/// appends to the stream what analytics counts of each, ids only (<see cref="AnalyticsFacts"/>). One delivery at a
/// time, in order: the event is acknowledged only once the broker confirmed the append, so a crash in between appends
/// it again, and the views, which store each event id, count it once. A message analytics does not count is
/// acknowledged and left; one it cannot read is logged and left.
/// </summary>
public sealed class LogWriter(IConnectionFactory broker, IOptions<AnalyticsLogOptions> options, ILogger<LogWriter> logger) : BackgroundService
{
    private const ushort InFlight = 200;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Resuming.ForeverAsync(WriteAsync, logger, "Writing the analytics log failed (the unacknowledged events are delivered again)", stoppingToken);

    private async Task WriteAsync(CancellationToken stop)
    {
        var log = options.Value;
        await using var connection = await broker.CreateConnectionAsync("analytics-log-writer", stop);
        await using var reading = await connection.CreateChannelAsync(cancellationToken: stop);
        await using var appending = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stop);
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reading.ChannelShutdownAsync += (_, reason) => Failed(failed, new IOException($"The writer's channel closed: {reason.ReplyText}"));
        appending.ChannelShutdownAsync += (_, reason) => Failed(failed, new IOException($"The log's channel closed: {reason.ReplyText}"));

        await reading.BasicQosAsync(0, InFlight, false, stop);
        var consumer = new AsyncEventingBasicConsumer(reading);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                if (Counted(delivery) is { } fact)
                    await appending.BasicPublishAsync("", log.Stream, mandatory: true,
                        new BasicProperties { MessageId = fact.EventId.ToString(), ContentType = AnalyticsFacts.ContentType, DeliveryMode = DeliveryModes.Persistent },
                        AnalyticsFacts.Write(fact), stop);
                await reading.BasicAckAsync(delivery.DeliveryTag, multiple: false, stop);
            }
            catch (Exception failure)
            {
                await Failed(failed, failure); // the channels close with the connection; what was not acknowledged comes again
            }
        };
        await reading.BasicConsumeAsync(log.WriterQueue, autoAck: false, consumer, stop);
        logger.LogInformation("Writing the analytics log {Stream} from {Queue}", log.Stream, log.WriterQueue);
        await failed.Task.WaitAsync(stop);
    }

    private Domain.AnalyticsEvent? Counted(BasicDeliverEventArgs delivery)
    {
        try
        {
            return IntegrationEvents.Read(delivery.Body);
        }
        catch (JsonException malformed)
        {
            logger.LogWarning(malformed, "Skipping an unreadable message {MessageId} for the analytics log", delivery.BasicProperties.MessageId);
            return null;
        }
    }

    private static Task Failed(TaskCompletionSource failed, Exception why)
    {
        failed.TrySetException(why);
        return Task.CompletedTask;
    }
}
