namespace Platform.UserCommand.Application.KeepingEmailsUnique;

/// <summary>
/// Port to the directory's email reservations, which keep an address unique across the shards (ADR 0041). A change
/// that gives a user an address reserves it first, then appends to the user's stream on its shard; an address change
/// then confirms, a registration leaves its reservation pending for the next who wants the address (ADR 0061).
/// A reservation whose change did not happen is released, or, when even that failed, found stale later: pending past
/// its expiry, or held for a user whose stream does not have the address.
/// </summary>
public interface IEmailReservations
{
    /// <summary>
    /// Reserves <paramref name="email"/> for the user, and commits with it what the use case enlisted in the directory
    /// (a registration's account and idempotency key). Throws <see cref="EmailAlreadyTakenException"/> when another user
    /// holds it; holding it already is fine.
    /// </summary>
    Task ReserveAsync(string email, Guid userId, CancellationToken ct);

    /// <summary>The user's stream has the address now. Best effort: a reservation left pending is confirmed by whoever finds it next.</summary>
    Task ConfirmAsync(string email, Guid userId, CancellationToken ct);

    /// <summary>
    /// Frees an address the user held unless the user's stream has it (the change did commit after all). Best effort:
    /// what cannot be freed now is found stale later.
    /// </summary>
    Task ReleaseAsync(string email, Guid userId, CancellationToken ct);

    /// <summary>A registration whose stream was not started: frees its address and forgets its account and idempotency key, as <see cref="ReleaseAsync"/> does.</summary>
    Task AbandonRegistrationAsync(string email, Guid userId, CancellationToken ct);
}
