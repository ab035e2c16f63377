namespace Platform.Chat.Application.Live;

/// <summary>A room's stream read back as updates: what a client missed after the last version it saw.</summary>
public interface IRoomHistory
{
    /// <summary>Up to <paramref name="limit"/> of the room's updates after <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<RoomUpdate>> AfterAsync(Guid roomId, long after, int limit, CancellationToken ct);
}
