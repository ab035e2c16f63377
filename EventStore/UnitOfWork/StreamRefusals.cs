namespace Platform.EventStore.UnitOfWork;

/// <summary>Why the unit of work refused a change; each service's problem handler maps these through <see cref="StreamProblems"/>.</summary>
public abstract class StreamRefusedException(string kind, Guid streamId, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the stream holds, as the API names it: "User", "Order".</summary>
    public string Kind { get; } = kind;

    public Guid StreamId { get; } = streamId;
}

public sealed class StreamNotFoundException(string kind, Guid streamId)
    : StreamRefusedException(kind, streamId, $"{kind} '{streamId}' does not exist.");

/// <summary>The caller's expected version (If-Match) is not the current one: it acted on a stale read. A 412.</summary>
public sealed class StaleVersionException(string kind, Guid streamId, long expected, Exception? inner = null)
    : StreamRefusedException(kind, streamId, $"{kind} '{streamId}' is not at version {expected}: reload it and try again.", inner);

/// <summary>Another write to the stream committed between the read and the append, and the caller gave no version. A 409.</summary>
public sealed class ConcurrentChangeException(string kind, Guid streamId, Exception? inner = null)
    : StreamRefusedException(kind, streamId, $"{kind} '{streamId}' was changed concurrently: reload it and try again.", inner);

/// <summary>Time travel asked for an instant before the stream began, or a version beyond its end. A 404.</summary>
public sealed class NotAtThatPointException(string kind, Guid streamId, string point)
    : StreamRefusedException(kind, streamId, $"{kind} '{streamId}' has no state {point}.");
