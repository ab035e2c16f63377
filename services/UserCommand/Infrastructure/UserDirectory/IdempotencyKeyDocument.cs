using Platform.UserCommand.Application.RegisteringUser;

namespace Platform.UserCommand.Infrastructure.UserDirectory;

/// <summary>
/// A registration's idempotency key as a Marten document in the directory, keyed by the key itself: inserted with
/// the registration's email reservation, so a second insert of the same key fails it, whichever shard the user would
/// go to. Kept indefinitely (no expiry yet).
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

/// <summary>The keys in the directory; an enlisted key joins the request's directory session, which commits it with the email reservation.</summary>
public sealed class MartenIdempotentRegistrations(DirectorySession directory, TimeProvider clock) : IIdempotentRegistrations
{
    public void Enlist(IdempotentRegistration registration) =>
        directory.Session.Insert(IdempotencyKeyDocument.From(registration, clock.GetUtcNow()));

    public async Task<IdempotentRegistration?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await directory.Session.LoadAsync<IdempotencyKeyDocument>(key, cancellationToken))?.ToRegistration();
}
