namespace Platform.EventStore.UnitOfWork;

/// <summary>
/// The one way a change reaches an aggregate's stream, in both event-sourced services: load the aggregate, check the
/// version the caller last saw (If-Match), let the aggregate decide, append what it decided, commit. One commit writes
/// the events, the inline projections, the documents the request enlisted and (the event store being the outbox) the
/// outgoing messages, or none of them. A port: the application sees this interface, <see cref="MartenUnitOfWork{TState}"/>
/// is its adapter.
/// </summary>
public interface IEventSourcedUnitOfWork<TState> where TState : class
{
    /// <summary>Starts a stream with its first events; a stream that exists already is a concurrent change.</summary>
    Task<StreamVersion> StartAsync(Guid streamId, IReadOnlyList<object> events, CancellationToken ct);

    /// <summary>
    /// Changes an existing stream: <paramref name="decide"/> sees the current state and returns the events to append;
    /// none means nothing to record, and the current version is the answer. Throws <see cref="StreamNotFoundException"/>,
    /// <see cref="StaleVersionException"/> when the stream is not at <paramref name="expectedVersion"/> (also when a race
    /// is lost after the check), and <see cref="ConcurrentChangeException"/> when a race is lost without one.
    /// <paramref name="reachable"/> (null: anyone) says whether the caller may see this aggregate at all: one who may
    /// not finds no stream, before the version is compared, so a refusal tells nothing of what is there.
    /// </summary>
    Task<StreamVersion> ChangeAsync(
        Guid streamId, long? expectedVersion, Func<TState, bool>? reachable, Func<TState, ValueTask<IReadOnlyList<object>>> decide, CancellationToken ct);

    /// <summary>
    /// Changes an existing stream in turn with its other writers: the stream is held from the read to the commit, so a
    /// concurrent writer waits for this one instead of losing a race and being retried. For writers that record what
    /// has happened, several at once on one stream, and have no version to check (the order workflow's journal,
    /// ADR 0057). Throws <see cref="StreamNotFoundException"/>.
    /// </summary>
    Task<StreamVersion> ChangeInTurnAsync(Guid streamId, Func<TState, IReadOnlyList<object>> decide, CancellationToken ct);
}

/// <summary>The stream a change touched and its version after it: the ETag.</summary>
public sealed record StreamVersion(Guid Id, long Version);

/// <summary>A decider's decision, as the handlers write it: synchronous, or after asking a port first.</summary>
public static class UnitOfWorkDecisions
{
    /// <summary>A decider's decision: the events a command causes in the current state (none: nothing to record).</summary>
    public static Task<StreamVersion> ChangeAsync<TState>(
        this IEventSourcedUnitOfWork<TState> unitOfWork, Guid streamId, long? expectedVersion, Func<TState, IReadOnlyList<object>> decide, CancellationToken ct)
        where TState : class =>
        unitOfWork.ChangeAsync(streamId, expectedVersion, null, decide, ct);

    /// <summary>A decider's decision that must ask something first (a port).</summary>
    public static Task<StreamVersion> ChangeAsync<TState>(
        this IEventSourcedUnitOfWork<TState> unitOfWork, Guid streamId, long? expectedVersion, Func<TState, Task<IReadOnlyList<object>>> decide, CancellationToken ct)
        where TState : class =>
        unitOfWork.ChangeAsync(streamId, expectedVersion, null, decide, ct);

    /// <summary>A decider's decision on an aggregate only some callers may reach (see the interface).</summary>
    public static Task<StreamVersion> ChangeAsync<TState>(
        this IEventSourcedUnitOfWork<TState> unitOfWork, Guid streamId, long? expectedVersion, Func<TState, bool>? reachable,
        Func<TState, IReadOnlyList<object>> decide, CancellationToken ct)
        where TState : class =>
        unitOfWork.ChangeAsync(streamId, expectedVersion, reachable, state => ValueTask.FromResult(decide(state)), ct);

    /// <summary>A decider's decision that asks a port first, on an aggregate only some callers may reach.</summary>
    public static Task<StreamVersion> ChangeAsync<TState>(
        this IEventSourcedUnitOfWork<TState> unitOfWork, Guid streamId, long? expectedVersion, Func<TState, bool>? reachable,
        Func<TState, Task<IReadOnlyList<object>>> decide, CancellationToken ct)
        where TState : class =>
        unitOfWork.ChangeAsync(streamId, expectedVersion, reachable, async state => await decide(state), ct);
}
