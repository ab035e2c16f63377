using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.ErasingUser;

public sealed record EraseUser(Guid UserId);

/// <summary>
/// <c>DELETE /api/users/{id}</c> (ADR 0038): the stream records <see cref="PersonalDataErased"/>; then the directory
/// forgets what the user-command context keeps beside the stream (the credentials, the idempotency keys, the email
/// reservation, which frees the address), the stream's earlier events are masked in place and the user's tokens
/// revoked. The outbox tells the other contexts (<c>UserErased</c>, ids only), which forget the user in theirs.
/// Erasing again is allowed and finishes what a failure may have left undone: every step after the first is
/// idempotent, and an address whose release was lost is found stale by the next one who wants it.
/// </summary>
public sealed class EraseUserHandler(IEventSourcedUnitOfWork<User> users, IPersonalDataEraser eraser, TimeProvider clock)
{
    public async Task HandleAsync(EraseUser command, CancellationToken ct)
    {
        await users.ChangeAsync(command.UserId, null, user => UserDecider.Decide(new User.Erase(clock.GetUtcNow()), user), ct);
        await eraser.ForgetInDirectoryAsync(command.UserId, ct);
        await eraser.MaskHistoryAsync(command.UserId, ct);
        await eraser.RevokeTokensAsync(command.UserId, ct);
    }
}

/// <summary>The adapters' side of an erasure: what is kept outside the stream, and the stream's stored events.</summary>
public interface IPersonalDataEraser
{
    /// <summary>Removes the user's account, idempotency keys and email reservations from the directory.</summary>
    Task ForgetInDirectoryAsync(Guid userId, CancellationToken ct);

    /// <summary>Masks the personal data of the user's stored events, in place.</summary>
    Task MaskHistoryAsync(Guid userId, CancellationToken ct);

    /// <summary>Revokes the user's refresh tokens and authorizations: no new access token is issued to them.</summary>
    Task RevokeTokensAsync(Guid userId, CancellationToken ct);
}
