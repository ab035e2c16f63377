using System.Threading.Channels;
using Platform.Analytics.Application.CountingEvents;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// One consumer of the analytics stream from a starting point (<c>first</c>, a numeric offset or a timestamp), read as
/// batches of deliveries. A stream consumer must set a prefetch and acknowledge by hand: acknowledging a batch lets
/// the broker send the next. The live counter and the Kappa replay both read through it.
/// </summary>
public sealed class LogSubscription : IAsyncDisposable
{
    private const string OffsetHeader = "x-stream-offset";
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly Channel<LogDelivery> deliveries;
    private readonly ILogger logger;

    private LogSubscription(IConnection connection, IChannel channel, int capacity, ILogger logger)
    {
        this.connection = connection;
        this.channel = channel;
        this.logger = logger;
        deliveries = Channel.CreateBounded<LogDelivery>(capacity);
    }

    /// <param name="start">"first", a numeric offset (long) or an <see cref="AmqpTimestamp"/>.</param>
    public static async Task<LogSubscription> OpenAsync(
        IConnectionFactory broker, AnalyticsLogOptions log, string name, object start, ILogger logger, CancellationToken ct)
    {
        var connection = await broker.CreateConnectionAsync(name, ct);
        var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var subscription = new LogSubscription(connection, channel, log.Prefetch * 2, logger);
        await channel.BasicQosAsync(0, log.Prefetch, false, ct);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => subscription.deliveries.Writer.WriteAsync(subscription.Read(delivery), ct).AsTask();
        channel.ChannelShutdownAsync += (_, reason) =>
        {
            subscription.deliveries.Writer.TryComplete(new IOException($"The channel to the analytics log closed: {reason.ReplyText}"));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(log.Stream, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
            arguments: new Dictionary<string, object?> { [OffsetHeader] = start }, consumer, ct);
        return subscription;
    }

    /// <summary>
    /// Up to <paramref name="max"/> deliveries, as soon as there is one; empty if none came within <paramref name="idle"/>
    /// (when given). Throws why the channel closed.
    /// </summary>
    public async Task<IReadOnlyList<LogDelivery>> NextAsync(int max, TimeSpan? idle, CancellationToken ct)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (idle is { } wait)
            quiet.CancelAfter(wait);
        try
        {
            if (!await deliveries.Reader.WaitToReadAsync(quiet.Token))
                await deliveries.Reader.Completion; // rethrows why the channel closed
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return [];
        }
        var batch = new List<LogDelivery>(max);
        while (batch.Count < max && deliveries.Reader.TryRead(out var delivery))
            batch.Add(delivery);
        return batch;
    }

    /// <summary>Acknowledges every delivery up to <paramref name="last"/>.</summary>
    public Task AckAsync(LogDelivery last, CancellationToken ct) => channel.BasicAckAsync(last.DeliveryTag, multiple: true, ct).AsTask();

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }

    /// <summary>The delivery's offset and event, read while its body is valid (the client reuses the buffer after the handler).</summary>
    private LogDelivery Read(BasicDeliverEventArgs delivery)
    {
        var offset = delivery.BasicProperties.Headers?.TryGetValue(OffsetHeader, out var value) == true && value is long position
            ? position
            : throw new InvalidOperationException($"A delivery from the stream without its {OffsetHeader} header.");
        try
        {
            return new LogDelivery(delivery.DeliveryTag, offset, new LoggedEvent(offset, AnalyticsFacts.Read(delivery.Body)));
        }
        catch (System.Text.Json.JsonException malformed)
        {
            logger.LogWarning(malformed, "Skipping the unreadable message at offset {Offset} of the analytics log", offset);
            return new LogDelivery(delivery.DeliveryTag, offset, null);
        }
    }
}

/// <param name="Event">The event analytics counts, or null for a record it could not read.</param>
public sealed record LogDelivery(ulong DeliveryTag, long Offset, LoggedEvent? Event);
