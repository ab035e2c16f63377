using Marten;
using Platform.Chat.Application.Live;

namespace Platform.Chat.Infrastructure.Live;

/// <summary>A room's stream read back from the event store: every event after a version, in the stream's order.</summary>
public sealed class MartenRoomHistory(IQuerySession session) : IRoomHistory
{
    public async Task<IReadOnlyList<RoomUpdate>> AfterAsync(Guid roomId, long after, int limit, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(stored => stored.StreamId == roomId && stored.Version > after)
            .OrderBy(stored => stored.Version)
            .Take(limit)
            .ToListAsync(ct);
        return [.. events.Select(stored => RoomUpdate.Of(stored.Data, stored.Version)).OfType<RoomUpdate>()];
    }
}
