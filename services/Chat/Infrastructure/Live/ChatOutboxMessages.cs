using JasperFx.Events;
using Platform.Chat.Application.Live;
using Platform.EventStore.Outbox;

namespace Platform.Chat.Infrastructure.Live;

/// <summary>
/// Every event of a room, once committed, goes to every instance as an update with its version (ADR 0051): the
/// event store is the outbox, so what the hub appended and what the instances push are the same rows.
/// </summary>
public sealed class ChatOutboxMessages : IOutboxMessages
{
    public IReadOnlyCollection<Type> EventTypes => RoomUpdate.EventTypes;

    public IEnumerable<object> ToMessages(IEvent stored) => RoomUpdate.Of(stored.Data, stored.Version) is { } update ? [update] : [];

    /// <summary>A room's messages are its members' only, not the store's public history.</summary>
    public bool InHistory(object message) => false;
}
