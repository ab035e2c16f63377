namespace Platform.Chat.Application.Live;

/// <summary>
/// The clients connected to this instance, by what they watch: a room's members in the room, anyone watching a
/// user's presence. Each instance pushes to its own connections what it hears from every instance (ADR 0051).
/// </summary>
public interface ILiveClients
{
    Task UpdateAsync(RoomUpdate update, CancellationToken ct);

    Task TypingAsync(Guid roomId, Guid userId, CancellationToken ct);

    Task ReceiptsAsync(Guid roomId, Guid userId, long delivered, long read, CancellationToken ct);

    Task PresenceAsync(PresenceChange change, CancellationToken ct);
}

/// <summary>A user came online (on some instance) or went offline (on all of them).</summary>
public sealed record PresenceChange(Guid UserId, bool Online);
