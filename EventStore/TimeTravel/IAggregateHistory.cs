namespace Platform.EventStore.TimeTravel;

/// <summary>
/// An aggregate as it was: at an instant or a version, and the events between two instants. The instants are the
/// event store's recorded timestamps (when an event was committed, in microseconds), not business time.
/// </summary>
public interface IAggregateHistory<TState> where TState : class
{
    /// <summary>The state built from the events recorded at or before <paramref name="at"/>; null if the stream had none then.</summary>
    Task<PastState<TState>?> AsOfAsync(Guid streamId, DateTimeOffset at, CancellationToken ct);

    /// <summary>The state after the first <paramref name="version"/> events; null if the stream has fewer.</summary>
    Task<PastState<TState>?> AtVersionAsync(Guid streamId, long version, CancellationToken ct);

    /// <summary>The events recorded after <paramref name="from"/> (or since the start) and at or before <paramref name="to"/>.</summary>
    Task<IReadOnlyList<PastEvent>> EventsBetweenAsync(Guid streamId, DateTimeOffset? from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>A past state, the version it was at and when its last event was recorded.</summary>
public sealed record PastState<TState>(TState State, long Version, DateTimeOffset LastEventAt);

/// <summary>One recorded event: its version in the stream, its stored type name, when it was recorded, and its data.</summary>
public sealed record PastEvent(long Version, string Type, DateTimeOffset RecordedAt, object Data);
