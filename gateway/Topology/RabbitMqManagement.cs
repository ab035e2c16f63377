using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Topology;

/// <summary>Exchanges and queues, with depth, consumers and rates, from RabbitMQ's management API.</summary>
public sealed class RabbitMqManagement(RabbitMqApi api, IOptions<TopologyOptions> options)
{
    public async Task<MessagingView> ReadAsync(CancellationToken ct)
    {
        if (!api.Configured)
            return MessagingView.Unavailable("Gateway:Topology:RabbitMqManagement is not set.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.SourceTimeout);
            var queues = await api.GetAsync<List<QueueJson>>("api/queues?columns=name,messages,messages_ready,messages_unacknowledged,consumers,message_stats", timeout.Token);
            var exchanges = await api.GetAsync<List<ExchangeJson>>("api/exchanges?columns=name,type,internal", timeout.Token);
            return new MessagingView(true, null,
                [.. exchanges.Where(e => e.Name is { Length: > 0 } name && !name.StartsWith("amq.", StringComparison.Ordinal) && !e.Internal)
                    .OrderBy(e => e.Name).Select(e => new ExchangeView(e.Name, e.Type))],
                [.. queues.OrderBy(q => q.Name).Select(q => new QueueView(q.Name, q.Messages, q.MessagesReady, q.MessagesUnacknowledged, q.Consumers,
                    q.MessageStats?.PublishDetails?.Rate ?? 0, q.MessageStats?.DeliverGetDetails?.Rate ?? 0))]);
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            return MessagingView.Unavailable($"RabbitMQ's management API did not answer: {failure.Message}");
        }
    }

    private sealed record QueueJson(
        string Name, long Messages,
        [property: JsonPropertyName("messages_ready")] long MessagesReady,
        [property: JsonPropertyName("messages_unacknowledged")] long MessagesUnacknowledged,
        int Consumers,
        [property: JsonPropertyName("message_stats")] MessageStatsJson? MessageStats);

    private sealed record MessageStatsJson(
        [property: JsonPropertyName("publish_details")] RateJson? PublishDetails,
        [property: JsonPropertyName("deliver_get_details")] RateJson? DeliverGetDetails);

    private sealed record RateJson(double Rate);

    private sealed record ExchangeJson(string Name, string Type, bool Internal);
}

public sealed record MessagingView(bool Available, string? Problem, IReadOnlyList<ExchangeView> Exchanges, IReadOnlyList<QueueView> Queues)
{
    public static MessagingView Unavailable(string problem) => new(false, problem, [], []);
}

public sealed record ExchangeView(string Name, string Type);

/// <param name="PublishedPerSecond">Messages a second into the queue, as RabbitMQ's management API rates them.</param>
/// <param name="DeliveredPerSecond">Messages a second out of the queue to consumers.</param>
public sealed record QueueView(string Name, long Messages, long Ready, long Unacknowledged, int Consumers,
    double PublishedPerSecond, double DeliveredPerSecond);
