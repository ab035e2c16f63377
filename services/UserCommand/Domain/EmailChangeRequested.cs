namespace Platform.UserCommand.Domain;

/// <summary>
/// The user asked to move to <paramref name="NewEmail"/>: nothing changes until the code mailed there is confirmed
/// (then <see cref="EmailUpdated"/>). The code is derived from this event, and stored nowhere.
/// </summary>
public sealed record EmailChangeRequested(Guid UserId, string NewEmail, DateTimeOffset RequestedAt);
