namespace Platform.UserCommand.Application;

/// <summary>Why a command was refused; the API maps each to its HTTP status.</summary>
public abstract class CommandRefusedException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class UserNotFoundException(Guid userId) : CommandRefusedException($"User '{userId}' does not exist.");

/// <summary>The email is another user's; the caller knows which address it sent, so the message need not repeat it.</summary>
public sealed class EmailAlreadyTakenException(Exception? inner = null)
    : CommandRefusedException("This email is already registered to another user.", inner);

/// <summary>The caller's expected version (If-Match) is not the current one: it acted on a stale read.</summary>
public sealed class VersionMismatchException(Guid userId, long expected)
    : CommandRefusedException($"User '{userId}' is not at version {expected}: reload it and try again.");

/// <summary>Another write to the same user committed between our read and our append.</summary>
public sealed class ConcurrencyConflictException(Guid userId, Exception? inner = null)
    : CommandRefusedException($"User '{userId}' was changed concurrently: reload it and try again.", inner);

/// <summary>A plugin's pre-registration hook refused the registration.</summary>
public sealed class RegistrationRejectedException(HookRefusal refusal)
    : CommandRefusedException($"The registration was refused by the plugin '{refusal.Plugin}': {refusal.Reason}")
{
    public HookRefusal Refusal { get; } = refusal;
}
