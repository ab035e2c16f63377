using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;

namespace Platform.Chat.Application.ChangingMessage;

/// <summary>Its author edits or deletes a message; the change is an event of the room, in its order.</summary>
public sealed class ChangeMessageHandler(IEventSourcedUnitOfWork<Room> rooms, IRoomMessages messages, TimeProvider clock)
{
    public async Task<StreamVersion> EditAsync(Guid roomId, Guid messageId, Guid by, string? text, CancellationToken ct)
    {
        var message = await messages.FindAsync(messageId, ct);
        return await rooms.ChangeAsync(roomId, null, room => RoomDecider.Decide(new Room.Edit(messageId, by, text, clock.GetUtcNow(), message), room), ct);
    }

    public async Task<StreamVersion> DeleteAsync(Guid roomId, Guid messageId, Guid by, CancellationToken ct)
    {
        var message = await messages.FindAsync(messageId, ct);
        return await rooms.ChangeAsync(roomId, null, room => RoomDecider.Decide(new Room.Delete(messageId, by, clock.GetUtcNow(), message), room), ct);
    }
}
