namespace Platform.UserCommand.Application;

/// <summary>
/// Why a user command was refused; the API maps each to its HTTP status. A missing user, a stale version and a lost
/// race are the unit of work's refusals (<c>Platform.EventStore.UnitOfWork</c>), the same for every aggregate.
/// </summary>
public abstract class CommandRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The email is another user's; the caller knows which address it sent, so the message need not repeat it.</summary>
public sealed class EmailAlreadyTakenException(Exception? inner = null)
    : CommandRefusedException("This email is already registered to another user.", inner);
