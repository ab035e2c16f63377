using JasperFx.Events;
using Platform.Contracts.Users.V1;
using Platform.EventStore.Outbox;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.Outbox;

/// <summary>Maps stored user events to the public contracts: the domain can change without breaking subscribers.</summary>
public sealed class UserOutboxMessages : IOutboxMessages
{
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(UserCreated), typeof(EmailUpdated)];

    public IEnumerable<object> ToMessages(IEvent stored) => ToContract(stored) is { } contract ? [contract] : [];

    public static object? ToContract(IEvent stored) => stored.Data switch
    {
        UserCreated created => new UserRegistered(
            created.UserId, created.Name, created.Email, stored.Version, stored.Timestamp),
        EmailUpdated updated => new UserEmailChanged(
            updated.UserId, updated.PreviousEmail, updated.NewEmail, stored.Version, stored.Timestamp),
        _ => null,
    };
}
