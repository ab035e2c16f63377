using Platform.UserCommand.Application.KeepingEmailsUnique;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Infrastructure.Sharding;

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

/// <summary>
/// The keys in the directory; an enlisted key joins the request's directory session, which commits it with the email
/// reservation. A key is answered once its user's stream exists on its shard: a registration between its reservation
/// and its append is waited for, and one whose stream never came (older than a pending reservation lives) is forgotten.
/// </summary>
public sealed class MartenIdempotentRegistrations(DirectorySession directory, ShardedUsers users, IEmailReservations reservations, TimeProvider clock)
    : IIdempotentRegistrations
{
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public void Enlist(IdempotentRegistration registration) =>
        directory.Session.Insert(IdempotencyKeyDocument.From(registration, clock.GetUtcNow()));

    public async Task<IdempotentRegistration?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var waitUntil = clock.GetUtcNow() + InFlightWait;
        while (await directory.Session.LoadAsync<IdempotencyKeyDocument>(key, cancellationToken) is { } found)
        {
            if (await users.LoadAsync(found.UserId, cancellationToken) is not null)
                return found.ToRegistration();
            if (clock.GetUtcNow() - found.RegisteredAt > MartenEmailReservations.PendingLifetime)
            {
                await reservations.AbandonRegistrationAsync(IdempotentRegistration.EmailOf(found.Fingerprint), found.UserId, cancellationToken);
                return null;
            }
            if (clock.GetUtcNow() > waitUntil)
                throw new RegistrationInProgressException(key);
            await Task.Delay(Poll, clock, cancellationToken);
        }
        return null;
    }
}
