using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Topology;

namespace Platform.Gateway.DeadLetters;

/// <summary>
/// The bus's dead letters: MassTransit moves a message that still fails after its retries to the consumer queue's
/// <c>_error</c> queue, with why in its headers. They are read and moved with RabbitMQ's own tools: the management API
/// peeks at the first messages (and puts them back), and a dynamic shovel moves them back to the queue they came from
/// (acknowledging each only once the queue has it), then deletes itself (ADR 0023).
/// </summary>
public sealed class DeadLetterQueues(RabbitMqApi rabbit, TimeProvider clock)
{
    /// <summary>MassTransit's name for a queue's dead letters: the queue's name and this.</summary>
    public const string Suffix = "_error";

    public async Task<IReadOnlyList<DeadLetterQueue>> ListAsync(int peek, CancellationToken ct)
    {
        var queues = await rabbit.GetAsync<List<QueueJson>>("api/queues?columns=name,messages", ct);
        var names = queues.Select(q => q.Name).ToHashSet();
        var errorQueues = new List<DeadLetterQueue>();
        foreach (var queue in queues.Where(q => q.Name.EndsWith(Suffix, StringComparison.Ordinal)).OrderBy(q => q.Name))
        {
            var source = queue.Name[..^Suffix.Length];
            errorQueues.Add(new DeadLetterQueue(queue.Name, names.Contains(source) ? source : null, queue.Messages,
                queue.Messages > 0 && peek > 0 ? await PeekAsync(queue.Name, peek, ct) : []));
        }
        return errorQueues;
    }

    /// <summary>Starts moving every message now in <paramref name="queue"/> back to its source queue; null if it is not a dead-letter queue of one.</summary>
    public async Task<Redrive?> RedriveAsync(string queue, CancellationToken ct)
    {
        if (!queue.EndsWith(Suffix, StringComparison.Ordinal)
            || await rabbit.FindAsync<QueueJson>($"api/queues/{RabbitMqApi.VirtualHost}/{Uri.EscapeDataString(queue)}", ct) is not { } found
            || await rabbit.FindAsync<QueueJson>($"api/queues/{RabbitMqApi.VirtualHost}/{Uri.EscapeDataString(queue[..^Suffix.Length])}", ct) is not { } source)
            return null;
        var shovel = $"redrive-{queue}-{clock.GetUtcNow():yyyyMMddHHmmssfff}";
        await rabbit.PutAsync($"api/parameters/shovel/{RabbitMqApi.VirtualHost}/{Uri.EscapeDataString(shovel)}", new
        {
            value = new Dictionary<string, object>
            {
                ["src-protocol"] = "amqp091",
                ["src-uri"] = "amqp://",
                ["src-queue"] = queue,
                ["src-delete-after"] = "queue-length", // the messages there now; the shovel then deletes itself
                ["dest-protocol"] = "amqp091",
                ["dest-uri"] = "amqp://",
                ["dest-queue"] = source.Name,
                ["ack-mode"] = "on-confirm", // a message leaves the dead letters only once its queue has it
            },
        }, ct);
        return new Redrive(queue, source.Name, found.Messages, shovel);
    }

    /// <summary>The first messages, put back where they were (ack_requeue_true): reading them moves nothing.</summary>
    private async Task<IReadOnlyList<DeadLetter>> PeekAsync(string queue, int count, CancellationToken ct)
    {
        var messages = await rabbit.PostAsync<List<MessageJson>>($"api/queues/{RabbitMqApi.VirtualHost}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 20_000 }, ct);
        return [.. messages.Select(message => new DeadLetter(
            message.Properties.MessageId, MessageType(message.Payload),
            Header(message.Properties.Headers, "MT-Fault-ExceptionType"), Header(message.Properties.Headers, "MT-Fault-Message"),
            Header(message.Properties.Headers, "MT-Fault-Timestamp"), Header(message.Properties.Headers, "MT-Host-MachineName")))];
    }

    private static string? Header(Dictionary<string, JsonElement>? headers, string name) =>
        headers?.TryGetValue(name, out var value) == true ? value.ToString() : null;

    /// <summary>The message type from MassTransit's envelope ("urn:message:Namespace:Type"), if the payload is one.</summary>
    private static string? MessageType(string payload)
    {
        try
        {
            using var envelope = JsonDocument.Parse(payload);
            return envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0
                ? types[0].GetString()
                : null;
        }
        catch (JsonException)
        {
            return null; // cut short by the peek's limit, or not JSON
        }
    }

    private sealed record QueueJson(string Name, long Messages);

    private sealed record MessageJson(string Payload, PropertiesJson Properties);

    private sealed record PropertiesJson(
        [property: JsonPropertyName("message_id")] string? MessageId,
        Dictionary<string, JsonElement>? Headers);
}

/// <param name="Source">The queue the messages failed in, where a redrive returns them; null if it no longer exists.</param>
/// <param name="First">The first messages, oldest first, with why each failed.</param>
public sealed record DeadLetterQueue(string Queue, string? Source, long Messages, IReadOnlyList<DeadLetter> First);

/// <param name="Reason">The exception's message from the last attempt.</param>
public sealed record DeadLetter(string? MessageId, string? MessageType, string? ExceptionType, string? Reason, string? FaultedAt, string? Host);

/// <param name="Messages">How many messages the dead-letter queue held when the redrive began: the shovel moves those.</param>
/// <param name="Shovel">The dynamic shovel moving them, which deletes itself when done.</param>
public sealed record Redrive(string Queue, string Destination, long Messages, string Shovel);
