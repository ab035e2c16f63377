using Marten;
using Platform.Chat.Application.ListingRooms;
using Platform.Chat.Domain;

namespace Platform.Chat.Infrastructure;

/// <summary>A member's rooms from the rooms' snapshots, and their unread counts from the messages' documents, in one batch.</summary>
public sealed class MartenRoomDirectory(IQuerySession session) : IRoomDirectory
{
    public async Task<IReadOnlyList<Room>> OfMemberAsync(Guid userId, CancellationToken ct) =>
        await session.Query<Room>().Where(room => room.Members.Contains(userId)).ToListAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, int>> UnreadAsync(Guid userId, IReadOnlyDictionary<Guid, long> readUpTo, CancellationToken ct)
    {
        if (readUpTo.Count == 0)
            return new Dictionary<Guid, int>();
        var batch = session.CreateBatchQuery();
        var counts = readUpTo.ToDictionary(room => room.Key, room => batch.Query<ChatMessage>()
            .Where(message => message.RoomId == room.Key && message.Version > room.Value && message.AuthorId != userId && !message.Deleted)
            .Count());
        await batch.Execute(ct);
        var unread = new Dictionary<Guid, int>();
        foreach (var (room, count) in counts)
            unread[room] = (int)await count;
        return unread;
    }
}
