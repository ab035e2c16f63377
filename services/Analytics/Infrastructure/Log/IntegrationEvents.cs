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

    /// <summary>The message types counted, by the URN the envelope names each with.</summary>
    private static readonly Dictionary<string, Type> Counted = new[]
    {
        typeof(UserRegistered), typeof(UserEmailChanged), typeof(OrderPlaced), typeof(OrderConfirmed), typeof(OrderCancelled),
    }.ToDictionary(type => $"urn:message:{Exchange(type)}");

    /// <summary>
    /// What a message counts as; null for one analytics does not count. Both paths read through it: the log's envelopes,
    /// and the messages a process of several modules hears on its own bus (the monolith's speed layer, ADR 0053).
    /// </summary>
    public static AnalyticsEvent? From(Guid messageId, object message) => message switch
    {
        UserRegistered e => new(messageId, EventKind.UserRegistered, e.UserId, e.OccurredAt),
        UserEmailChanged e => new(messageId, EventKind.UserEmailChanged, e.UserId, e.OccurredAt),
        OrderPlaced e => new(messageId, EventKind.OrderPlaced, e.UserId, e.PlacedAt),
        OrderConfirmed e => new(messageId, EventKind.OrderConfirmed, e.UserId, e.ConfirmedAt, e.Total, e.Currency),
        OrderCancelled e => new(messageId, EventKind.OrderCancelled, e.UserId, e.CancelledAt),
        _ => null,
    };

    /// <summary>The fanout exchanges MassTransit publishes these events to ("Namespace:Type").</summary>
    public static IReadOnlyList<string> Exchanges { get; } =
        [.. Counted.Values.Select(Exchange)];

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
            if (type.GetString() is { } urn && Counted.TryGetValue(urn, out var counted))
                return From(id.GetGuid(), message.Deserialize(counted, Json) ?? throw new JsonException($"An empty {counted.Name}."));
        return null;
    }

    private static string Exchange(Type type) => $"{type.Namespace}:{type.Name}";
}
