using JasperFx;
using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Infrastructure.EventStore;

/// <summary>
/// The user store's own unique indexes, in the application's terms: the email index and a registration's
/// idempotency key are written in the same transaction as the events, so a taken one fails the whole commit.
/// </summary>
public sealed class UserStoreFailures : IStoreFailures<User>
{
    public Exception? Translate(Exception failure) => failure switch
    {
        DocumentAlreadyExistsException taken when taken.DocumentType == typeof(UserEmailIndex) => new EmailAlreadyTakenException(taken),
        DocumentAlreadyExistsException taken when taken.DocumentType == typeof(IdempotencyKeyDocument) => new IdempotencyKeyTakenException(taken),
        _ => null,
    };
}
