namespace Platform.Contracts.Users.V1;

/// <summary>A user was registered. <paramref name="Version"/> is the user stream's version after this event.</summary>
public sealed record UserRegistered(Guid UserId, string Name, string Email, long Version, DateTimeOffset OccurredAt);
