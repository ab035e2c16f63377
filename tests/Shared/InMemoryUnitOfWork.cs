using System.Collections.Concurrent;
using Platform.EventStore.UnitOfWork;

namespace Platform.Testing;

/// <summary>
/// The unit of work in memory, with the Marten adapter's contract: a missing stream, a stale If-Match, and a race
/// lost between the read and the commit (412 when the caller gave a version, 409 otherwise). <see cref="Commit"/>
/// sees each event as it is committed and may refuse it, as a unique index or a broken database would;
/// <see cref="InterleaveBeforeNextCommit"/> runs another write between a change's read and its commit.
/// </summary>
public class InMemoryUnitOfWork<TState>(Func<IReadOnlyList<object>, TState> fold) : IEventSourcedUnitOfWork<TState> where TState : class
{
    private static readonly string Kind = typeof(TState).Name;
    private readonly ConcurrentDictionary<Guid, List<object>> streams = new();

    public Action<Guid, object>? Commit { get; set; }

    public Action? InterleaveBeforeNextCommit { get; set; }

    public int StreamCount => streams.Count;

    public IEnumerable<Guid> StreamIds => streams.Keys;

    public IReadOnlyList<object> EventsOf(Guid streamId) =>
        streams.TryGetValue(streamId, out var events) ? Locked(events, () => events.ToList()) : [];

    public TState? Load(Guid streamId) => EventsOf(streamId) is { Count: > 0 } events ? fold(events) : null;

    public Task<StreamVersion> StartAsync(Guid streamId, IReadOnlyList<object> events, CancellationToken ct)
    {
        Interleave();
        lock (streams)
        {
            if (streams.ContainsKey(streamId))
                throw new ConcurrentChangeException(Kind, streamId);
            CommitEach(streamId, events);
            streams[streamId] = [.. events];
        }
        return Task.FromResult(new StreamVersion(streamId, events.Count));
    }

    public async Task<StreamVersion> ChangeAsync(
        Guid streamId, long? expectedVersion, Func<TState, bool>? reachable, Func<TState, ValueTask<IReadOnlyList<object>>> decide, CancellationToken ct)
    {
        var events = EventsOf(streamId);
        if (events.Count == 0 || reachable?.Invoke(fold(events)) == false)
            throw new StreamNotFoundException(Kind, streamId);
        if (expectedVersion is { } expected && expected != events.Count)
            throw new StaleVersionException(Kind, streamId, expected);

        var decided = await decide(fold(events));
        if (decided.Count == 0)
            return new StreamVersion(streamId, events.Count);

        Interleave();
        lock (streams)
        {
            var stream = streams[streamId];
            if (stream.Count != events.Count)
                throw expectedVersion is { } conditional
                    ? new StaleVersionException(Kind, streamId, conditional)
                    : new ConcurrentChangeException(Kind, streamId);
            CommitEach(streamId, decided);
            stream.AddRange(decided);
            return new StreamVersion(streamId, stream.Count);
        }
    }

    /// <summary>Read, decide and commit under the one lock: a concurrent writer waits, as on the stream's row lock.</summary>
    public Task<StreamVersion> ChangeInTurnAsync(Guid streamId, Func<TState, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        Interleave();
        lock (streams)
        {
            if (!streams.TryGetValue(streamId, out var stream) || stream.Count == 0)
                throw new StreamNotFoundException(Kind, streamId);
            var decided = decide(fold(stream));
            CommitEach(streamId, decided);
            stream.AddRange(decided);
            return Task.FromResult(new StreamVersion(streamId, stream.Count));
        }
    }

    private void CommitEach(Guid streamId, IEnumerable<object> events)
    {
        foreach (var e in events)
            Commit?.Invoke(streamId, e);
    }

    private void Interleave()
    {
        var interleaved = InterleaveBeforeNextCommit;
        InterleaveBeforeNextCommit = null;
        interleaved?.Invoke();
    }

    private static T Locked<T>(object gate, Func<T> read) { lock (gate) return read(); }
}
