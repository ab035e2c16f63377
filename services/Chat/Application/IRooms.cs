using Platform.Chat.Domain;

namespace Platform.Chat.Application;

/// <summary>The rooms as they stand now (the store keeps each room's state beside its stream).</summary>
public interface IRooms
{
    Task<Room?> FindAsync(Guid roomId, CancellationToken ct);
}
