using Marten;
using Platform.EventStore.UnitOfWork;

namespace Platform.EventStore.TimeTravel;

/// <summary>
/// Time travel with Marten's own filters. The stream's last event at the instant (or the event of that version) is
/// one indexed row; <c>AggregateStreamAsync</c> then replays the events up to its version. Marten keeps only the
/// latest snapshot, so a past state is always replayed from the stream's start (ADR 0033 has the cost on a long stream).
/// </summary>
public sealed class MartenAggregateHistory<TState>(IStreamSessions sessions) : IAggregateHistory<TState> where TState : class
{
    public async Task<PastState<TState>?> AsOfAsync(Guid streamId, DateTimeOffset at, CancellationToken ct)
    {
        var last = await sessions.For(streamId).Events.QueryAllRawEvents()
            .Where(e => e.StreamId == streamId && e.Timestamp <= at)
            .OrderByDescending(e => e.Version)
            .FirstOrDefaultAsync(ct);
        return last is null ? null : await ReplayAsync(streamId, last.Version, last.Timestamp, ct);
    }

    public async Task<PastState<TState>?> AtVersionAsync(Guid streamId, long version, CancellationToken ct)
    {
        var last = await sessions.For(streamId).Events.QueryAllRawEvents()
            .Where(e => e.StreamId == streamId && e.Version == version)
            .FirstOrDefaultAsync(ct);
        return last is null ? null : await ReplayAsync(streamId, version, last.Timestamp, ct);
    }

    public async Task<IReadOnlyList<PastEvent>> EventsBetweenAsync(Guid streamId, DateTimeOffset? from, DateTimeOffset to, CancellationToken ct)
    {
        var events = await sessions.For(streamId).Events.FetchStreamAsync(streamId, timestamp: to, token: ct);
        return [.. events
            .Where(e => from is null || e.Timestamp > from)
            .Select(e => new PastEvent(e.Version, e.EventTypeName, e.Timestamp, e.Data))];
    }

    private async Task<PastState<TState>?> ReplayAsync(Guid streamId, long version, DateTimeOffset lastEventAt, CancellationToken ct) =>
        await sessions.For(streamId).Events.AggregateStreamAsync<TState>(streamId, version: version, token: ct) is { } state
            ? new PastState<TState>(state, version, lastEventAt)
            : null;
}
