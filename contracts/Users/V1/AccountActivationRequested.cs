namespace Platform.Contracts.Users.V1;

/// <summary>
/// The welcome mail with its activation link is due: for the email service alone, never in the event store's history
/// (the link holds the one-time code). <paramref name="Version"/> is the user stream's version of the registration.
/// </summary>
public sealed record AccountActivationRequested(Guid UserId, string Name, string Email, string ActivationLink, DateTimeOffset ExpiresAt, long Version);
