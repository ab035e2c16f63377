using Platform.Chat.Application.Live;
using Platform.Chat.Domain;

namespace Platform.Chat.Application.Typing;

/// <summary>A member is typing in a room: told to every instance's clients in the room, never stored.</summary>
public sealed class TypingHandler(IRooms rooms, ILiveSignals signals)
{
    public async Task HandleAsync(Guid roomId, Guid by, CancellationToken ct)
    {
        var room = RoomDecider.MemberOf(await rooms.FindAsync(roomId, ct), by);
        await signals.TypingAsync(room.Id, by, ct);
    }
}
