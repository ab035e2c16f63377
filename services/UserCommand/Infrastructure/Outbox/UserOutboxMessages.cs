using JasperFx.Events;
using Microsoft.Extensions.Options;
using Platform.Contracts.Users.V1;
using Platform.EventStore.Outbox;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Application.ChangingEmail;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.Outbox;

/// <summary>
/// Maps stored user events to the public contracts: the domain can change without breaking subscribers. A registration
/// also asks for the welcome mail with the activation link, and an email change request for the mail of its
/// confirmation code to the new address; both codes are derived again here (they are stored nowhere).
/// </summary>
public sealed class UserOutboxMessages(ActivationCodes activation, EmailChangeCodes emailChanges, IOptions<ActivationOptions> options) : IOutboxMessages
{
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(UserCreated), typeof(EmailUpdated), typeof(EmailChangeRequested), typeof(PersonalDataErased)];

    public IEnumerable<object> ToMessages(IEvent stored) => stored.Data switch
    {
        UserCreated created =>
        [
            new UserRegistered(created.UserId, created.Name, created.Email, stored.Version, stored.Timestamp),
            new AccountActivationRequested(created.UserId, created.Name, created.Email, activation.LinkFor(created.UserId),
                stored.Timestamp + options.Value.ActivationLifetime, stored.Version),
        ],
        EmailUpdated updated => [new UserEmailChanged(updated.UserId, updated.PreviousEmail, updated.NewEmail, stored.Version, stored.Timestamp)],
        EmailChangeRequested requested => [ConfirmationOf(requested, stored.Version)],
        PersonalDataErased erased => [new UserErased(erased.UserId, stored.Version, erased.At)],
        _ => [],
    };

    /// <summary>The codes are for their recipients: the history that analytics and rebuilds read never holds them.</summary>
    public bool InHistory(object message) => message is not (AccountActivationRequested or EmailChangeConfirmationRequested);

    private EmailChangeConfirmationRequested ConfirmationOf(EmailChangeRequested requested, long version)
    {
        var pending = new PendingEmail(requested.NewEmail, version, requested.RequestedAt);
        return new(requested.UserId, requested.NewEmail, emailChanges.CodeFor(requested.UserId, pending), requested.RequestedAt + emailChanges.Lifetime, version);
    }
}
