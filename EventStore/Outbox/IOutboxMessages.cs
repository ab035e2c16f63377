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
    /// What this committed event sends: routing slips to start, and at most one public contract to publish (its
    /// message id is the event's id). Must be deterministic: a page may be sent twice.
    /// </summary>
    IEnumerable<object> ToMessages(IEvent stored);
}
