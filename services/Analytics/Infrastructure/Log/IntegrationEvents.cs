using System.Text.Json;
using Platform.Analytics.Domain;
using Platform.Contracts.Orders.V1;
using Platform.Contracts.Users.V1;

namespace Platform.Analytics.Infrastructure.Log;

/// <summary>
/// The integration events analytics counts, and how each reads from the MassTransit envelope the log keeps (the
/// message id, the message type's URN, the message): the exchanges named after the types are what the stream is bound to.
/// </summary>
public static class IntegrationEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Func<Guid, JsonElement, AnalyticsEvent>> Readers = new()
    {
        [Urn<UserRegistered>()] = (id, json) => Read<UserRegistered>(json, e => new(id, EventKind.UserRegistered, e.UserId, e.OccurredAt)),
        [Urn<UserEmailChanged>()] = (id, json) => Read<UserEmailChanged>(json, e => new(id, EventKind.UserEmailChanged, e.UserId, e.OccurredAt)),
        [Urn<OrderPlaced>()] = (id, json) => Read<OrderPlaced>(json, e => new(id, EventKind.OrderPlaced, e.UserId, e.PlacedAt)),
        [Urn<OrderConfirmed>()] = (id, json) => Read<OrderConfirmed>(json, e => new(id, EventKind.OrderConfirmed, e.UserId, e.ConfirmedAt, e.Total, e.Currency)),
        [Urn<OrderCancelled>()] = (id, json) => Read<OrderCancelled>(json, e => new(id, EventKind.OrderCancelled, e.UserId, e.CancelledAt)),
    };

    /// <summary>The fanout exchanges MassTransit publishes these events to ("Namespace:Type").</summary>
    public static IReadOnlyList<string> Exchanges { get; } =
        [Exchange<UserRegistered>(), Exchange<UserEmailChanged>(), Exchange<OrderPlaced>(), Exchange<OrderConfirmed>(), Exchange<OrderCancelled>()];

    /// <summary>The event in a MassTransit JSON envelope; null for a message analytics does not count.</summary>
    public static AnalyticsEvent? Read(ReadOnlyMemory<byte> envelope)
    {
        using var document = JsonDocument.Parse(envelope);
        return Read(document.RootElement);
    }

    /// <summary>The event in an envelope already parsed (the bus's, or an entry of an event store's history).</summary>
    public static AnalyticsEvent? Read(JsonElement root)
    {
        if (!root.TryGetProperty("messageId", out var id) || !root.TryGetProperty("message", out var message)
            || !root.TryGetProperty("messageType", out var types))
            return null;
        foreach (var type in types.EnumerateArray())
            if (type.GetString() is { } urn && Readers.TryGetValue(urn, out var reader))
                return reader(id.GetGuid(), message);
        return null;
    }

    private static AnalyticsEvent Read<T>(JsonElement json, Func<T, AnalyticsEvent> count) =>
        count(json.Deserialize<T>(Json) ?? throw new JsonException($"An empty {typeof(T).Name}."));

    private static string Exchange<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";

    private static string Urn<T>() => $"urn:message:{Exchange<T>()}";
}
