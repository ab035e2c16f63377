namespace Platform.Contracts.Users.V1;

/// <summary>
/// A user asked to move to <paramref name="NewEmail"/>: the email service mails the code that confirms it there. For
/// the email service alone, never in the event store's history (the code proves the address). <paramref name="Version"/>
/// is the user stream's version of the request.
/// </summary>
public sealed record EmailChangeConfirmationRequested(Guid UserId, string NewEmail, string Code, DateTimeOffset ExpiresAt, long Version);
