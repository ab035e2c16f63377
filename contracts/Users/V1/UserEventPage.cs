namespace Platform.Contracts.Users.V1;

/// <summary>
/// A page of user-command's event history as integration events, in commit order: what GET /api/admin/events
/// returns, so a read model can be rebuilt from the event store rather than from the bus.
/// </summary>
/// <param name="LastSequence">The highest sequence that may be read now (every event up to it is committed).</param>
public sealed record UserEventPage(IReadOnlyList<ReplayedUserEvent> Events, long LastSequence);

/// <summary>One event of the history: exactly one of <paramref name="Registered"/> and <paramref name="EmailChanged"/> is set.</summary>
public sealed record ReplayedUserEvent(long Sequence, UserRegistered? Registered = null, UserEmailChanged? EmailChanged = null);
