using Platform.Contracts.Users.V1;

namespace Platform.UserQuery.Application.RebuildingReadModel;

/// <summary>The users' history from the event store (user-command's shared history endpoint), never from the bus (ADR 0012).</summary>
public interface IUserEventHistory
{
    Task<UserEventPage> ReadAsync(long after, int limit, CancellationToken cancellationToken);
}

/// <summary>A page of the users' history as integration events, in commit order.</summary>
/// <param name="LastSequence">The highest sequence the event store had when the page was read.</param>
public sealed record UserEventPage(IReadOnlyList<ReplayedUserEvent> Events, long LastSequence);

/// <summary>One event of the history: exactly one of <paramref name="Registered"/>, <paramref name="EmailChanged"/> and <paramref name="Erased"/> is set.</summary>
public sealed record ReplayedUserEvent(long Sequence, UserRegistered? Registered = null, UserEmailChanged? EmailChanged = null, UserErased? Erased = null);
