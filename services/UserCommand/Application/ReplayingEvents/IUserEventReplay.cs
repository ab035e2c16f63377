using Platform.Contracts.Users.V1;

namespace Platform.UserCommand.Application.ReplayingEvents;

/// <summary>The event store's history, as the integration events the outbox publishes: for rebuilding read models.</summary>
public interface IUserEventReplay
{
    /// <summary>Up to <paramref name="limit"/> events after sequence <paramref name="after"/>, oldest first.</summary>
    Task<UserEventPage> ReadAsync(long after, int limit, CancellationToken cancellationToken);
}
