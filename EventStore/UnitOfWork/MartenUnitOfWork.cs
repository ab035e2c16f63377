using JasperFx;
using Marten;

namespace Platform.EventStore.UnitOfWork;

/// <summary>
/// The unit of work on Marten: <c>FetchForWriting</c> loads the aggregate (from its snapshot, if it has one, plus the
/// events after it) and remembers its version, so <c>SaveChangesAsync</c> appends only if no other write came in
/// between. The session is the stream's (<see cref="IStreamSessions"/>): on one database the request's, so documents a
/// use case enlisted in it commit in the same transaction.
/// A failure the service knows better (a unique index of its own) is translated by its <see cref="IStoreFailures{TState}"/>.
/// </summary>
public sealed class MartenUnitOfWork<TState>(IStreamSessions sessions, IStoreFailures<TState>? failures = null)
    : IEventSourcedUnitOfWork<TState> where TState : class
{
    private static readonly string Kind = typeof(TState).Name;

    public async Task<StreamVersion> StartAsync(Guid streamId, IReadOnlyList<object> events, CancellationToken ct)
    {
        var session = await sessions.ForWritingAsync(streamId, ct);
        session.RecordTraceContext();
        session.Events.StartStream<TState>(streamId, events.ToArray());
        await SaveAsync(session, streamId, expectedVersion: null, ct);
        return new StreamVersion(streamId, events.Count);
    }

    public Task<StreamVersion> ChangeAsync(
        Guid streamId, long? expectedVersion, Func<TState, bool>? reachable, Func<TState, ValueTask<IReadOnlyList<object>>> decide, CancellationToken ct) =>
        ChangeAsync(streamId, expectedVersion, reachable, decide, exclusive: false, ct);

    /// <summary><c>FetchForExclusiveWriting</c>: the stream's row is locked in the session's transaction until its commit.</summary>
    public Task<StreamVersion> ChangeInTurnAsync(Guid streamId, Func<TState, IReadOnlyList<object>> decide, CancellationToken ct) =>
        ChangeAsync(streamId, null, null, state => ValueTask.FromResult(decide(state)), exclusive: true, ct);

    private async Task<StreamVersion> ChangeAsync(
        Guid streamId, long? expectedVersion, Func<TState, bool>? reachable, Func<TState, ValueTask<IReadOnlyList<object>>> decide, bool exclusive,
        CancellationToken ct)
    {
        var session = await sessions.ForWritingAsync(streamId, ct);
        var stream = exclusive
            ? await session.Events.FetchForExclusiveWriting<TState>(streamId, ct)
            : await session.Events.FetchForWriting<TState>(streamId, ct);
        if (stream.Aggregate is not { } state || reachable?.Invoke(state) == false)
            throw new StreamNotFoundException(Kind, streamId);
        var version = stream.CurrentVersion ?? 0;
        if (expectedVersion is { } expected && expected != version)
            throw new StaleVersionException(Kind, streamId, expected);

        var decided = await decide(state);
        if (decided.Count == 0)
            return new StreamVersion(streamId, version);

        session.RecordTraceContext();
        stream.AppendMany(decided);
        await SaveAsync(session, streamId, expectedVersion, ct);
        return new StreamVersion(streamId, version + decided.Count);
    }

    private async Task SaveAsync(IDocumentSession session, Guid streamId, long? expectedVersion, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception failure) when (failures?.Translate(failure) is { } known)
        {
            throw known;
        }
        catch (Exception lost) when (lost is ConcurrencyException or Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            // Lost after our check: for a conditional request that is a failed precondition, otherwise a conflict. The
            // session forgets the losing append, so a caller may decide again in it on the stream as it now is.
            session.EjectAllPendingChanges();
            throw expectedVersion is { } expected
                ? new StaleVersionException(Kind, streamId, expected, lost)
                : new ConcurrentChangeException(Kind, streamId, lost);
        }
    }
}

/// <summary>A service's own translation of a failed commit (its unique indexes), or null to let the unit of work decide.</summary>
public interface IStoreFailures<TState>
{
    Exception? Translate(Exception failure);
}
