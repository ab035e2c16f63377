using Marten;
using Platform.UserCommand.Application.RegisteringUser;

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

    public static IdempotencyKeyDocument From(IdempotentRegistration registration, DateTimeOffset registeredAt) =>
        new() { Id = registration.Key, Fingerprint = registration.Fingerprint, UserId = registration.UserId, RegisteredAt = registeredAt };

    public IdempotentRegistration ToRegistration() => new(Id, Fingerprint, UserId);
}

/// <summary>The keys in Marten; an enlisted key joins the request's session, which the unit of work commits.</summary>
public sealed class MartenIdempotentRegistrations(IDocumentSession session, TimeProvider clock) : IIdempotentRegistrations
{
    public void Enlist(IdempotentRegistration registration) =>
        session.Insert(IdempotencyKeyDocument.From(registration, clock.GetUtcNow()));

    public async Task<IdempotentRegistration?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await session.LoadAsync<IdempotencyKeyDocument>(key, cancellationToken))?.ToRegistration();
}
