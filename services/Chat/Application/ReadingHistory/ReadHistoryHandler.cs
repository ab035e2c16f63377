using Platform.Chat.Domain;

namespace Platform.Chat.Application.ReadingHistory;

/// <summary>A page of a room's messages: after a version (catching up, oldest first), else before one (scrolling back, newest first).</summary>
public sealed record ReadHistory(Guid RoomId, Guid By, long? Before, long? After, int? Limit);

/// <param name="Next">The version to ask from for the next page in the same direction, or null when this page was the last.</param>
public sealed record HistoryPage(Guid RoomId, long RoomVersion, IReadOnlyList<MessageView> Messages, long? Next);

/// <summary>Only members read a room; a page holds at most <see cref="MaxLimit"/> messages.</summary>
public sealed class ReadHistoryHandler(IRooms rooms, IRoomMessages messages)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<HistoryPage> HandleAsync(ReadHistory query, CancellationToken ct)
    {
        var room = RoomDecider.MemberOf(await rooms.FindAsync(query.RoomId, ct), query.By);
        var limit = Math.Clamp(query.Limit ?? DefaultLimit, 1, MaxLimit);
        var page = query.After is { } after
            ? await messages.AfterAsync(room.Id, after, limit, ct)
            : await messages.BeforeAsync(room.Id, query.Before ?? long.MaxValue, limit, ct);
        return new HistoryPage(room.Id, room.Version, page, page.Count == limit ? page[^1].Version : null);
    }
}
