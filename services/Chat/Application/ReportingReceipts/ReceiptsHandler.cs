using Platform.Chat.Application.Live;
using Platform.Chat.Domain;

namespace Platform.Chat.Application.ReportingReceipts;

/// <summary>Who has a message and who read it, for the room's members: its author and the other members' positions.</summary>
public sealed record MessageReceiptsView(Guid RoomId, Guid MessageId, long Version, Guid AuthorId, MessageReceipts Receipts);

/// <summary>
/// A member's client reports how far it has received and read a room; any member asks who has a message and who read
/// it. Reports merge forward (two clients of one member, in any order), and one past the room's version is refused.
/// A position that moved is told to the room's clients live; one that did not is not told again.
/// </summary>
public sealed class ReceiptsHandler(IRooms rooms, IRoomMessages messages, IReadPositions positions, ILiveSignals signals)
{
    public async Task<ReadPosition> ReportAsync(Guid roomId, Guid by, long delivered, long read, CancellationToken ct)
    {
        var room = RoomDecider.MemberOf(await rooms.FindAsync(roomId, ct), by);
        var current = await positions.FindAsync(room.Id, by, ct) ?? ReadPosition.Start(room.Id, by);
        var advanced = await positions.AdvanceAsync(current.Advance(delivered, read, room.Version), ct);
        if (advanced != current)
            await signals.ReceiptsMovedAsync(room.Id, by, advanced.Delivered, advanced.Read, ct);
        return advanced;
    }

    public async Task<MessageReceiptsView> OfMessageAsync(Guid roomId, Guid messageId, Guid by, CancellationToken ct)
    {
        var room = RoomDecider.MemberOf(await rooms.FindAsync(roomId, ct), by);
        var message = await messages.FindAsync(messageId, ct);
        ChatRuleBrokenException.ThrowUnless(message is not null && message.RoomId == room.Id, ChatRule.MessageIsInTheRoom, $"The room has no message {messageId}.");
        var members = (await positions.OfRoomAsync(room.Id, ct)).Where(position => room.HasMember(position.UserId));
        return new MessageReceiptsView(room.Id, message!.MessageId, message.Version, message.AuthorId, MessageReceipts.Of(message.Version, message.AuthorId, members));
    }
}
