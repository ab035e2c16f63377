using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.ChangingEmail;

/// <param name="ExpectedVersion">The version the caller last saw (If-Match), or null to act on the latest.</param>
public sealed record ChangeUserEmail(Guid UserId, string? Email, long? ExpectedVersion);

/// <summary>
/// Changes a user's email through the unit of work. The store refuses an address another user has
/// (<see cref="EmailAlreadyTakenException"/>) in the same commit; the same address again records nothing.
/// </summary>
public sealed class ChangeUserEmailHandler(IEventSourcedUnitOfWork<User> users)
{
    public Task<StreamVersion> HandleAsync(ChangeUserEmail command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Parse(command.Email);
        return users.ChangeAsync(command.UserId, command.ExpectedVersion, UserPresence.IsPresent, user => UserDecider.Decide(new User.ChangeEmail(email), user), cancellationToken);
    }
}
