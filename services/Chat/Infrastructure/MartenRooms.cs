using Marten;
using Platform.Chat.Application;
using Platform.Chat.Domain;

namespace Platform.Chat.Infrastructure;

/// <summary>A room's state from its snapshot, kept inline with each append.</summary>
public sealed class MartenRooms(IQuerySession session) : IRooms
{
    public Task<Room?> FindAsync(Guid roomId, CancellationToken ct) => session.LoadAsync<Room>(roomId, ct);
}
