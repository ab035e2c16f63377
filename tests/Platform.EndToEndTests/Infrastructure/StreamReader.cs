using System.Collections.Concurrent;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Every message a RabbitMQ stream holds, from its first offset, as text (body and headers), read as a new consumer.</summary>
public static class RabbitMqStream
{
    public static async Task<IReadOnlyList<string>> ReadAllAsync(PlatformFixture platform, string stream, TimeSpan idle)
    {
        var factory = new ConnectionFactory { Uri = new Uri((await platform.App.GetConnectionStringAsync("messaging"))!) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 500, false); // a stream consumer needs a prefetch
        var messages = new ConcurrentQueue<string>();
        var last = DateTime.UtcNow;
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var headers = string.Join(";", (delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .Select(header => $"{header.Key}={(header.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : header.Value)}"));
            messages.Enqueue($"{headers}\n{Encoding.UTF8.GetString(delivery.Body.Span)}");
            last = DateTime.UtcNow;
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(stream, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
            arguments: new Dictionary<string, object?> { ["x-stream-offset"] = "first" }, consumer);
        while (DateTime.UtcNow - last < idle)
            await Task.Delay(100);
        return [.. messages];
    }
}
