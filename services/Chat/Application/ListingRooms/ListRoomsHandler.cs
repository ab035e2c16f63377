using Platform.Chat.Domain;

namespace Platform.Chat.Application.ListingRooms;

/// <summary>A room of the caller's, with how far they read it and how many messages of others wait past that.</summary>
public sealed record RoomSummary(Room Room, long Read, int Unread);

/// <summary>The rooms a user is a member of, and their unread messages: the messages past their read position.</summary>
public interface IRoomDirectory
{
    Task<IReadOnlyList<Room>> OfMemberAsync(Guid userId, CancellationToken ct);

    /// <summary>How many messages of others, not deleted, each room has after the version given for it.</summary>
    Task<IReadOnlyDictionary<Guid, int>> UnreadAsync(Guid userId, IReadOnlyDictionary<Guid, long> readUpTo, CancellationToken ct);
}

/// <summary>The caller's rooms, newest activity first, each with its unread count (ADR 0050: a position, not a flag per message).</summary>
public sealed class ListRoomsHandler(IRoomDirectory directory, IReadPositions positions)
{
    public async Task<IReadOnlyList<RoomSummary>> HandleAsync(Guid userId, CancellationToken ct)
    {
        var rooms = await directory.OfMemberAsync(userId, ct);
        var read = (await positions.OfMemberAsync(userId, ct)).ToDictionary(position => position.RoomId, position => position.Read);
        var readUpTo = rooms.ToDictionary(room => room.Id, room => read.GetValueOrDefault(room.Id));
        var unread = await directory.UnreadAsync(userId, readUpTo, ct);
        return [.. rooms.Select(room => new RoomSummary(room, readUpTo[room.Id], unread.GetValueOrDefault(room.Id)))];
    }
}
