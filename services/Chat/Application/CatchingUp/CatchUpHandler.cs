using Platform.Chat.Application.Live;
using Platform.Chat.Application.Presence;
using Platform.Chat.Domain;

namespace Platform.Chat.Application.CatchingUp;

/// <summary>
/// What a client missed, read from the room's stream after the version it gives, oldest first, with the members'
/// positions and who of them is online. <paramref name="More"/>: the page was full; ask again after its last version.
/// </summary>
public sealed record RoomCatchUp(
    Guid RoomId, long RoomVersion, IReadOnlyList<RoomUpdate> Updates, bool More, IReadOnlyList<ReadPosition> Positions, IReadOnlyList<Guid> Online);

/// <summary>
/// Resuming is by version, on whichever instance (ADR 0051): the client gives the last version it saw and gets the
/// stream's events after it, so nothing is missed and nothing comes twice. The caller starts the live pushes first
/// (<see cref="MemberRoomAsync"/>, then its subscription, then <see cref="AfterAsync"/>), so an event committed
/// meanwhile comes both ways, and the client applies its version once.
/// </summary>
public sealed class CatchUpHandler(IRooms rooms, IRoomHistory history, IReadPositions positions, PresenceTable presence)
{
    public const int PageSize = 500;

    /// <summary>The room, if the caller is a member of it (else the members-only refusal).</summary>
    public async Task<Room> MemberRoomAsync(Guid roomId, Guid by, CancellationToken ct) =>
        RoomDecider.MemberOf(await rooms.FindAsync(roomId, ct), by);

    /// <summary>What a member of <paramref name="room"/> missed after <paramref name="after"/> (the room as <see cref="MemberRoomAsync"/> read it, not read again).</summary>
    public async Task<RoomCatchUp> AfterAsync(Room room, long after, CancellationToken ct)
    {
        var updates = await history.AfterAsync(room.Id, Math.Max(0, after), PageSize, ct);
        var members = (await positions.OfRoomAsync(room.Id, ct)).Where(position => room.HasMember(position.UserId)).ToList();
        return new RoomCatchUp(room.Id, Math.Max(room.Version, updates.Count > 0 ? updates[^1].Version : 0), updates, updates.Count == PageSize,
            members, [.. room.Members.Where(presence.IsOnline)]);
    }
}
