using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;

namespace Platform.Chat.Application.OpeningRoom;

public sealed record OpenRoom(string? Name, Guid By);

/// <summary>Opens a group room, under a new id, with its opener as its first member.</summary>
public sealed class OpenRoomHandler(IEventSourcedUnitOfWork<Room> rooms, TimeProvider clock)
{
    public Task<StreamVersion> HandleAsync(OpenRoom command, CancellationToken ct)
    {
        var roomId = Guid.CreateVersion7();
        return rooms.StartAsync(roomId, RoomDecider.Decide(new Room.Open(roomId, command.Name, command.By, clock.GetUtcNow()), null), ct);
    }
}
