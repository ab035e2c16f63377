using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Gateway.DeadLetters;

/// <summary>
/// Erasure in the dead letters (ADR 0038): on <c>UserErased</c>, every message of every <c>_error</c> queue that names the
/// user (their id: every message about a user carries it) is dropped, and every other one is put back. A queue cannot
/// lose one message from its middle, so each message there now is taken in turn: one that stays is published again
/// to the same queue, with its headers (why it failed), and only once the broker confirmed the copy is the original
/// acknowledged; nothing is lost if this stops halfway, at worst a message is there twice. The erasure itself is
/// acknowledged only once every queue was gone through.
/// </summary>
public sealed class DeadLetterErasure(
    IConnectionFactory broker, DeadLetterQueues deadLetters, IConfiguration configuration, ILogger<DeadLetterErasure> logger) : BackgroundService
{
    private const string Queue = "gateway-user-erased";

    /// <summary>The fanout exchange the erasures are published to, as the broker names it (the gateway knows no contract).</summary>
    private string Exchange => configuration["Gateway:DeadLetters:ErasureExchange"]
        ?? throw new InvalidOperationException("Gateway:DeadLetters:ErasureExchange is not set: the exchange UserErased is published to.");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Resuming.ForeverAsync(ListenAsync, logger, "Erasing users from the dead letters failed (the erasure is delivered again)", stoppingToken);

    private async Task ListenAsync(CancellationToken stop)
    {
        await using var connection = await broker.CreateConnectionAsync("gateway-dead-letter-erasure", stop);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stop);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: stop);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: stop);
        await channel.QueueBindAsync(Queue, Exchange, routingKey: "", cancellationToken: stop);
        await channel.BasicQosAsync(0, 1, false, stop);

        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, reason) => Fail(failed, new IOException($"The channel closed: {reason.ReplyText}"));
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            try
            {
                if (ErasedUser(delivery.Body) is { } userId)
                    await EraseAsync(connection, userId, stop);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, stop);
            }
            catch (Exception failure)
            {
                await Fail(failed, failure);
            }
        };
        await channel.BasicConsumeAsync(Queue, autoAck: false, consumer, stop);
        await failed.Task.WaitAsync(stop);
    }

    /// <summary>Goes through every dead-letter queue once, dropping the messages that name the user.</summary>
    private async Task EraseAsync(IConnection connection, Guid userId, CancellationToken ct)
    {
        var named = Encoding.UTF8.GetBytes(userId.ToString());
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var dropped = 0;
        foreach (var queue in await deadLetters.ListAsync(peek: 0, ct))
        {
            var there = (await channel.QueueDeclarePassiveAsync(queue.Queue, ct)).MessageCount; // exact, where the management API's count lags
            for (var seen = 0L; seen < there; seen++)
            {
                if (await channel.BasicGetAsync(queue.Queue, autoAck: false, ct) is not { } message)
                    break;
                if (message.Body.Span.IndexOf(named) >= 0)
                    dropped++;
                else
                    await channel.BasicPublishAsync("", queue.Queue, mandatory: true, new BasicProperties(message.BasicProperties), message.Body, ct);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            }
        }
        logger.LogInformation("Dropped {Messages} dead letters naming erased user {UserId}", dropped, userId);
    }

    /// <summary>The user id of a <c>UserErased</c> in MassTransit's envelope.</summary>
    private static Guid? ErasedUser(ReadOnlyMemory<byte> envelope)
    {
        try
        {
            using var document = JsonDocument.Parse(envelope);
            return document.RootElement.TryGetProperty("message", out var message) && message.TryGetProperty("userId", out var id) && id.TryGetGuid(out var userId)
                ? userId
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task Fail(TaskCompletionSource failed, Exception why)
    {
        failed.TrySetException(why);
        return Task.CompletedTask;
    }
}
