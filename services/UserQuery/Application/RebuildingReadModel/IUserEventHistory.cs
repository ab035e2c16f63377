using Platform.Contracts.Users.V1;

namespace Platform.UserQuery.Application.RebuildingReadModel;

/// <summary>The users' history from the event store (user-command's shared history endpoint), never from the bus (ADR 0012).</summary>
public interface IUserEventHistory
{
    /// <param name="after">The cursor the previous page ended at; null for the start.</param>
    Task<UserEventPage> ReadAsync(string? after, int limit, CancellationToken cancellationToken);
}

/// <summary>A page of the users' history as integration events, in commit order.</summary>
/// <param name="Next">The cursor to read the next page after: a position in each of the event store's databases (its shards).</param>
/// <param name="HighestSequence">How many sequences the event store had handed out when the page was read: for progress.</param>
/// <param name="AtEnd">Everything committed when the page was read has been read: nothing more to read now.</param>
public sealed record UserEventPage(IReadOnlyList<ReplayedUserEvent> Events, string Next, long HighestSequence, bool AtEnd);

/// <summary>One event of the history: exactly one of <paramref name="Registered"/>, <paramref name="EmailChanged"/> and <paramref name="Erased"/> is set.</summary>
public sealed record ReplayedUserEvent(long Sequence, UserRegistered? Registered = null, UserEmailChanged? EmailChanged = null, UserErased? Erased = null);
