using Platform.Contracts.Users.V1;

namespace Platform.UserQuery.Application.RebuildingReadModel;

/// <summary>The users' history from the event store (user-command's replay), never from the bus (ADR 0012).</summary>
public interface IEventHistory
{
    Task<UserEventPage> ReadAsync(long after, int limit, CancellationToken cancellationToken);
}
