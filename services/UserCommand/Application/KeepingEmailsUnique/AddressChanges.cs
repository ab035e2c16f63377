using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.KeepingEmailsUnique;

/// <summary>
/// A change that may move a user to another address (an admin's change, a confirmed change of one's own): the
/// decision runs on the current state; when it moves the address, the new one is reserved in the directory before
/// the append (another user's: 409, and nothing is appended), confirmed after it, and the old one released. When the
/// append fails, the new one is released again (ADR 0041).
/// </summary>
public sealed class AddressChanges(IEventSourcedUnitOfWork<User> users, IEmailReservations reservations)
{
    public async Task<StreamVersion> ChangeAsync(Guid userId, long? expectedVersion, Func<User, IReadOnlyList<object>> decide, CancellationToken ct)
    {
        EmailUpdated? moving = null;
        StreamVersion changed;
        try
        {
            changed = await users.ChangeAsync(userId, expectedVersion, UserPresence.IsPresent, async user =>
            {
                var events = decide(user);
                moving = events.OfType<EmailUpdated>().SingleOrDefault();
                if (moving is not null)
                    await reservations.ReserveAsync(moving.NewEmail, userId, ct);
                return events;
            }, ct);
        }
        catch when (moving is not null)
        {
            await reservations.ReleaseAsync(moving.NewEmail, userId, CancellationToken.None);
            throw;
        }

        if (moving is not null)
        {
            await reservations.ConfirmAsync(moving.NewEmail, userId, ct);
            await reservations.ReleaseAsync(moving.PreviousEmail, userId, ct);
        }
        return changed;
    }
}
