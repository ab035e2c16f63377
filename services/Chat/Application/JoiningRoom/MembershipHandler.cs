using Platform.Chat.Domain;
using Platform.EventStore.UnitOfWork;

namespace Platform.Chat.Application.JoiningRoom;

/// <summary>A user joins or leaves a group room; joining twice, or leaving a room one is not in, changes nothing.</summary>
public sealed class MembershipHandler(IEventSourcedUnitOfWork<Room> rooms, TimeProvider clock)
{
    public Task<StreamVersion> JoinAsync(Guid roomId, Guid user, CancellationToken ct) =>
        rooms.ChangeAsync(roomId, null, room => RoomDecider.Decide(new Room.Join(user, clock.GetUtcNow()), room), ct);

    public Task<StreamVersion> LeaveAsync(Guid roomId, Guid user, CancellationToken ct) =>
        rooms.ChangeAsync(roomId, null, room => RoomDecider.Decide(new Room.Leave(user, clock.GetUtcNow()), room), ct);
}
