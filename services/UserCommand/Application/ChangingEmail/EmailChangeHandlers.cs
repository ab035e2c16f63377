using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application.KeepingEmailsUnique;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.ChangingEmail;

public sealed record RequestEmailChange(Guid UserId, string? Email, long? ExpectedVersion);

public sealed record ConfirmEmailChange(Guid UserId, string? Code);

/// <summary>
/// A user's own email change, in two steps: the request records the new address as pending (and the outbox mails a
/// code there); the confirmation, with that code, makes it the user's address. An address another user has is refused
/// by its reservation at the confirmation (409), as for any change of address.
/// </summary>
public sealed class EmailChangeHandlers(IEventSourcedUnitOfWork<User> users, AddressChanges changes, EmailChangeCodes codes, TimeProvider clock)
{
    public Task<StreamVersion> RequestAsync(RequestEmailChange command, CancellationToken ct)
    {
        var email = EmailAddress.Parse(command.Email);
        return users.ChangeAsync(command.UserId, command.ExpectedVersion, UserPresence.IsPresent,
            user => UserDecider.Decide(new User.RequestEmailChange(email, clock.GetUtcNow()), user), ct);
    }

    /// <summary>A wrong, used or expired code, or none asked for, is one answer (422): it tells a guesser nothing.</summary>
    public Task<StreamVersion> ConfirmAsync(ConfirmEmailChange command, CancellationToken ct) =>
        changes.ChangeAsync(command.UserId, null, user =>
            user.Pending is { } pending && codes.Confirms(user.Id, pending, command.Code, clock.GetUtcNow())
                ? UserDecider.Decide(new User.ConfirmEmailChange(), user)
                : throw new EmailChangeCodeInvalidException(), ct);
}

/// <summary>The code is wrong, used or expired, or no change is pending: 422, and nothing changed.</summary>
public sealed class EmailChangeCodeInvalidException()
    : CommandRefusedException("This confirmation code is not valid: it is wrong, already used, or expired, or no email change is pending.");
