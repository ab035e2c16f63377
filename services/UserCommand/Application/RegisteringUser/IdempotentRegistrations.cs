using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.RegisteringUser;

/// <summary>
/// A registration made with a client's <c>Idempotency-Key</c>: the key, what was registered under it, and the user it
/// created. Stored in the directory with the registration's email reservation, and forgotten with it if the user's
/// stream is not started.
/// </summary>
public sealed record IdempotentRegistration(string Key, string Fingerprint, Guid UserId)
{
    public const int MaxKeyLength = 200;

    /// <summary>Null without a key; a key is 1 to 200 visible characters.</summary>
    public static string? ParseKey(string? key)
    {
        if (key is null)
            return null;
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
            throw new InvalidUserDataException("Idempotency-Key", $"An Idempotency-Key is 1 to {MaxKeyLength} visible characters.");
        return key;
    }

    /// <summary>What the key stands for: the same key with another name or email is a client's mistake, not a retry.</summary>
    public static string FingerprintOf(UserName name, EmailAddress email) => $"{name.Value}\n{email.Value}";

    /// <summary>The address a fingerprint was taken of.</summary>
    public static string EmailOf(string fingerprint) => fingerprint[(fingerprint.LastIndexOf('\n') + 1)..];
}

/// <summary>Port to the registrations made with an idempotency key.</summary>
public interface IIdempotentRegistrations
{
    /// <summary>
    /// The registration made with the key, once its user's stream is started: one still in flight is waited for a
    /// moment (<see cref="RegistrationInProgressException"/> if it does not finish), and one that was abandoned is
    /// forgotten (null: the key is free again).
    /// </summary>
    Task<IdempotentRegistration?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>Records the key with the registration's email reservation: both are stored, or neither.</summary>
    void Enlist(IdempotentRegistration registration);
}

/// <summary>The key was used before for a different registration: 422, nothing is registered.</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : CommandRefusedException($"The Idempotency-Key '{key}' was already used for a different registration.");

/// <summary>A registration with the same key is still being made (its user's stream is not started yet): 409, retry shortly.</summary>
public sealed class RegistrationInProgressException(string key)
    : CommandRefusedException($"A registration with the Idempotency-Key '{key}' is still in progress; retry shortly.");

/// <summary>A concurrent registration with the same key committed first; the handler answers with its result.</summary>
public sealed class IdempotencyKeyTakenException(Exception inner)
    : CommandRefusedException("The Idempotency-Key was taken by a concurrent registration.", inner);
