using JasperFx;
using Marten;
using Marten.Patching;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.KeepingEmailsUnique;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Infrastructure.Identity;
using Platform.UserCommand.Infrastructure.Sharding;

namespace Platform.UserCommand.Infrastructure.UserDirectory;

/// <summary>
/// The reservations as Marten documents in the directory, keyed by the address: of two reservations of one address,
/// the second insert fails on the primary key, whatever shards the two users are on. A reservation found in the way
/// is checked before it refuses anyone: one pending past its expiry, or held for a user whose stream does not have
/// the address (a change that failed, an erasure or a move away whose release was lost), is replaced in the same
/// commit, and only if it is still the one that was checked.
/// </summary>
public sealed class MartenEmailReservations(
    DirectorySession requestSession, IUserDirectory directory, ShardedUsers users, TimeProvider clock, ILogger<MartenEmailReservations> logger)
    : IEmailReservations
{
    /// <summary>How long a change in flight holds an address before the stream alone decides whether it is taken.</summary>
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromSeconds(30);

    public async Task ReserveAsync(string email, Guid userId, CancellationToken ct)
    {
        var session = requestSession.Session;
        if (await session.LoadAsync<EmailReservation>(email, ct) is { } found)
        {
            if (found.UserId == userId)
                return; // the user's own, from an earlier attempt or a change back
            if (!await IsStaleAsync(found, ct))
                throw new EmailAlreadyTakenException();
            // Replaced only if still the stale one: a racer that replaced it first makes the insert below fail.
            session.DeleteWhere<EmailReservation>(reservation => reservation.Id == email && reservation.UserId == found.UserId);
        }

        var now = clock.GetUtcNow();
        session.Insert(new EmailReservation { Id = email, UserId = userId, State = ReservationState.Pending, ReservedAt = now, ExpiresAt = now + PendingLifetime });
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception failure) when (Taken(failure, typeof(IdempotencyKeyDocument)) is { } key)
        {
            throw new IdempotencyKeyTakenException(key); // the key first: a retry that raced its first attempt gets that one's answer
        }
        catch (Exception failure) when (Taken(failure, typeof(EmailReservation)) is { } address)
        {
            throw new EmailAlreadyTakenException(address);
        }
    }

    /// <summary>The unique key a failed commit ran into, alone or among others (Marten reports every failed page of a batch together).</summary>
    private static DocumentAlreadyExistsException? Taken(Exception failure, Type document) => failure switch
    {
        DocumentAlreadyExistsException taken when taken.DocumentType == document => taken,
        AggregateException several => several.InnerExceptions.Select(inner => Taken(inner, document)).FirstOrDefault(taken => taken is not null),
        _ => null,
    };

    public Task ConfirmAsync(string email, Guid userId, CancellationToken ct) =>
        BestEffortAsync("confirm", email, userId, async () =>
        {
            await using var session = directory.LightweightSession();
            session.Patch<EmailReservation>(reservation => reservation.Id == email && reservation.UserId == userId)
                .Set(reservation => reservation.State, ReservationState.Confirmed);
            await session.SaveChangesAsync(ct);
        });

    public Task ReleaseAsync(string email, Guid userId, CancellationToken ct) =>
        BestEffortAsync("release", email, userId, async () =>
        {
            if (await users.HasEmailAsync(userId, email, ct))
                return; // the change committed after all: the address is the user's
            await using var session = directory.LightweightSession();
            session.DeleteWhere<EmailReservation>(reservation => reservation.Id == email && reservation.UserId == userId);
            await session.SaveChangesAsync(ct);
        });

    public Task AbandonRegistrationAsync(string email, Guid userId, CancellationToken ct) =>
        BestEffortAsync("abandon the registration of", email, userId, async () =>
        {
            if (await users.LoadAsync(userId, ct) is not null)
                return; // the stream was started after all
            await using var session = directory.LightweightSession();
            session.DeleteWhere<EmailReservation>(reservation => reservation.Id == email && reservation.UserId == userId);
            session.Delete<AccountDocument>(userId);
            session.DeleteWhere<IdempotencyKeyDocument>(key => key.UserId == userId);
            await session.SaveChangesAsync(ct);
        });

    /// <summary>A change in flight is never stale; otherwise the holder's stream decides, and a pending reservation it confirms is confirmed.</summary>
    private async Task<bool> IsStaleAsync(EmailReservation found, CancellationToken ct)
    {
        if (found.State == ReservationState.Pending && clock.GetUtcNow() < found.ExpiresAt)
            return false;
        if (!await users.HasEmailAsync(found.UserId, found.Id, ct))
            return true;
        if (found.State == ReservationState.Pending)
            await ConfirmAsync(found.Id, found.UserId, ct);
        return false;
    }

    /// <summary>What follows a change (or its failure) must not turn its answer into an error: a failure is logged, and the reservation is found stale or confirmed later.</summary>
    private async Task BestEffortAsync(string action, string email, Guid userId, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Could not {Action} the reservation of an address for user {UserId}; it is settled when next found", action, userId);
        }
    }
}
