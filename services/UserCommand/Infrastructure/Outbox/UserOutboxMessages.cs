using JasperFx.Events;
using Microsoft.Extensions.Options;
using Platform.Contracts.Users.V1;
using Platform.EventStore.Outbox;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.Outbox;

/// <summary>
/// Maps stored user events to the public contracts: the domain can change without breaking subscribers. A registration
/// also asks for the welcome mail with the activation link, whose code is derived again here (it is stored nowhere).
/// </summary>
public sealed class UserOutboxMessages(ActivationCodes activation, IOptions<ActivationOptions> options) : IOutboxMessages
{
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(UserCreated), typeof(EmailUpdated)];

    public IEnumerable<object> ToMessages(IEvent stored) => stored.Data switch
    {
        UserCreated created =>
        [
            new UserRegistered(created.UserId, created.Name, created.Email, stored.Version, stored.Timestamp),
            new AccountActivationRequested(created.UserId, created.Name, created.Email, activation.LinkFor(created.UserId),
                stored.Timestamp + options.Value.ActivationLifetime, stored.Version),
        ],
        EmailUpdated updated => [new UserEmailChanged(updated.UserId, updated.PreviousEmail, updated.NewEmail, stored.Version, stored.Timestamp)],
        _ => [],
    };

    /// <summary>The activation link is for its recipient: the history that analytics and rebuilds read never holds it.</summary>
    public bool InHistory(object message) => message is not AccountActivationRequested;
}
