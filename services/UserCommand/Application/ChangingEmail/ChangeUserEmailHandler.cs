using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application.KeepingEmailsUnique;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.ChangingEmail;

/// <param name="ExpectedVersion">The version the caller last saw (If-Match), or null to act on the latest.</param>
public sealed record ChangeUserEmail(Guid UserId, string? Email, long? ExpectedVersion);

/// <summary>
/// Changes a user's email at once (an admin's change). An address another user has is refused
/// (<see cref="EmailAlreadyTakenException"/>) by its reservation before anything is appended; the same address again
/// records nothing.
/// </summary>
public sealed class ChangeUserEmailHandler(AddressChanges changes)
{
    public Task<StreamVersion> HandleAsync(ChangeUserEmail command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Parse(command.Email);
        return changes.ChangeAsync(command.UserId, command.ExpectedVersion, user => UserDecider.Decide(new User.ChangeEmail(email), user), cancellationToken);
    }
}
