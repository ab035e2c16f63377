using Platform.Chat.Domain;

namespace Platform.Chat.Application.SearchingMessages;

public sealed record SearchMessages(Guid RoomId, Guid By, string? Query, int? Limit);

/// <summary>A member searches a room's messages: PostgreSQL's full-text search over the messages' documents, newest first; deleted ones never match.</summary>
public sealed class SearchMessagesHandler(IRooms rooms, IRoomMessages messages)
{
    public const int MaxQueryLength = 200;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public async Task<IReadOnlyList<MessageView>> HandleAsync(SearchMessages search, CancellationToken ct)
    {
        var room = RoomDecider.MemberOf(await rooms.FindAsync(search.RoomId, ct), search.By);
        var query = search.Query?.Trim() ?? "";
        ChatRuleBrokenException.ThrowUnless(query.Length is > 0 and <= MaxQueryLength, ChatRule.SearchIsWorded,
            $"Search for some words, up to {MaxQueryLength} characters.");
        return await messages.SearchAsync(room.Id, query, Math.Clamp(search.Limit ?? DefaultLimit, 1, MaxLimit), ct);
    }
}
