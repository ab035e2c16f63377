using JasperFx.Events;

namespace Platform.EventStore.Outbox;

/// <summary>
/// What a service sends once its events are committed: a public contract to publish, or a Courier routing slip to
/// start. The domain can change without breaking subscribers, because only this mapping knows both sides.
/// </summary>
public interface IOutboxMessages
{
    /// <summary>The stored event types that may send something; the outbox reads no others.</summary>
    IReadOnlyCollection<Type> EventTypes { get; }

    /// <summary>
    /// What this committed event sends: routing slips to start, and public contracts to publish (the first's message
    /// id is the event's id; another's is derived from the event's id and its type, so a re-send repeats the ids).
    /// Must be deterministic: a page may be sent twice.
    /// </summary>
    IEnumerable<object> ToMessages(IEvent stored);

    /// <summary>
    /// Whether a message belongs to the store's public history (<c>/api/admin/event-store/history</c>), which readers
    /// such as analytics and rebuilds page through: a message for one recipient only (a mail's one-time link) does not.
    /// </summary>
    bool InHistory(object message) => true;
}
