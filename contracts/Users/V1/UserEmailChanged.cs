namespace Platform.Contracts.Users.V1;

/// <summary>A user's email changed. <paramref name="Version"/> is the user stream's version after this event.</summary>
public sealed record UserEmailChanged(Guid UserId, string PreviousEmail, string Email, long Version, DateTimeOffset OccurredAt);
