using Marten;
using Platform.UserCommand.Application;

namespace Platform.UserCommand.Infrastructure.EventStore;

/// <summary>
/// A registration's idempotency key as a Marten document, keyed by the key itself: inserted with the user's first
/// event, so a second insert of the same key fails the whole transaction. Kept indefinitely (no expiry yet).
/// </summary>
public sealed class IdempotencyKeyDocument
{
    public string Id { get; set; } = "";

    public string Fingerprint { get; set; } = "";

    public Guid UserId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public static IdempotencyKeyDocument From(IdempotentRegistration registration) =>
        new() { Id = registration.Key, Fingerprint = registration.Fingerprint, UserId = registration.UserId, RegisteredAt = DateTimeOffset.UtcNow };

    public IdempotentRegistration ToRegistration() => new(Id, Fingerprint, UserId);
}

public sealed class MartenIdempotentRegistrations(IQuerySession session) : IIdempotentRegistrations
{
    public async Task<IdempotentRegistration?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await session.LoadAsync<IdempotencyKeyDocument>(key, cancellationToken))?.ToRegistration();
}
