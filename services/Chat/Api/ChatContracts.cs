using Platform.Chat.Application;
using Platform.Chat.Application.ReadingHistory;
using Platform.Chat.Domain;

namespace Platform.Chat.Api;

public sealed record OpenRoomRequest(string? Name);

public sealed record OpenDirectConversationRequest(Guid? With);

/// <param name="Id">The message's id, made by the client: a resend carries the same one.</param>
public sealed record PostMessageRequest(Guid? Id, string? Text);

public sealed record EditMessageRequest(string? Text);

public sealed record RoomVersionResponse(Guid Id, long Version);

public sealed record RoomResponse(Guid Id, string Kind, string Name, Guid[] Members, long Version)
{
    public static RoomResponse From(Room room) =>
        new(room.Id, room.Kind.ToString().ToLowerInvariant(), room.Name, [.. room.Members.Order()], room.Version);
}

/// <param name="Read">How far the caller has read the room (a version).</param>
/// <param name="Unread">Messages of others, not deleted, past that.</param>
public sealed record RoomSummaryResponse(Guid Id, string Kind, string Name, Guid[] Members, long Version, long Read, int Unread)
{
    public static RoomSummaryResponse From(Application.ListingRooms.RoomSummary summary)
    {
        var room = RoomResponse.From(summary.Room);
        return new(room.Id, room.Kind, room.Name, room.Members, room.Version, summary.Read, summary.Unread);
    }
}

/// <param name="Version">The message's place in the room's order.</param>
public sealed record PostedMessageResponse(Guid RoomId, Guid Id, long Version);

public sealed record MessageResponse(Guid Id, long Version, Guid AuthorId, string? Text, DateTimeOffset PostedAt, DateTimeOffset? EditedAt, bool Deleted)
{
    public static MessageResponse From(MessageView message) =>
        new(message.Id, message.Version, message.AuthorId, message.Text, message.PostedAt, message.EditedAt, message.Deleted);
}

/// <param name="Next">Where the next page in the same direction starts (as before= or after=), or null after the last.</param>
public sealed record HistoryResponse(Guid RoomId, long RoomVersion, MessageResponse[] Messages, long? Next)
{
    public static HistoryResponse From(HistoryPage page) => new(page.RoomId, page.RoomVersion, [.. page.Messages.Select(MessageResponse.From)], page.Next);
}

/// <summary>How far the caller's client has received and read the room (versions); reading a message delivers it.</summary>
public sealed record PositionRequest(long? Delivered, long? Read);

public sealed record PositionResponse(Guid RoomId, Guid UserId, long Delivered, long Read);

/// <summary>Who has the message (a client of theirs received it) and who read it, its author left out.</summary>
public sealed record ReceiptsResponse(Guid RoomId, Guid MessageId, long Version, Guid AuthorId, Guid[] DeliveredTo, Guid[] ReadBy);
