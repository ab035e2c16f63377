namespace Platform.UserCommand.Domain;

public sealed record EmailUpdated(Guid UserId, string PreviousEmail, string NewEmail);
