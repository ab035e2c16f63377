using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application;

/// <summary>Port to the user event streams. Implementations enforce email uniqueness atomically with the append.</summary>
public interface IUserRepository
{
    Task<User?> LoadAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a new stream, and records the registration's idempotency key in the same transaction. Throws
    /// <see cref="EmailAlreadyTakenException"/> if another user has the email, <see cref="IdempotencyKeyTakenException"/>
    /// if another registration has the key.
    /// </summary>
    Task StartAsync(UserCreated created, IdempotentRegistration? key, CancellationToken cancellationToken);

    /// <summary>
    /// Appends one event if the stream is still at <paramref name="expectedVersion"/>; returns the new version.
    /// Throws <see cref="ConcurrencyConflictException"/> if another write got there first, and
    /// <see cref="EmailAlreadyTakenException"/> if the event claims an email another user has.
    /// </summary>
    Task<long> AppendAsync(Guid userId, long expectedVersion, object @event, CancellationToken cancellationToken);
}
