using Microsoft.Extensions.Options;
using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Application.KeepingEmailsUnique;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.RegisteringUser;

public sealed record RegisterUser(string? Name, string? Email, string? IdempotencyKey = null);

/// <summary>
/// Registers a user: validates, asks the plugins' pre-registration hooks, reserves the email in the directory with the
/// pending account (the hash of its activation code, mailed by the outbox) and the idempotency key, starts the stream
/// on the user's shard through the unit of work, then tells the post-registration hooks (ADR 0041). The reservation
/// stays pending: whoever next wants the address finds the stream has it, and confirms it then (ADR 0061), so a
/// registration commits twice, not three times. A stream that could not be started gives its reservation back. No
/// password is asked for here: it is set on activation. With an idempotency key, a repeated request (a client's or
/// the gateway's retry) gets the first answer and registers nothing, also when the two race.
/// </summary>
public sealed class RegisterUserHandler(
    IEventSourcedUnitOfWork<User> users, IEmailReservations reservations, IIdempotentRegistrations registrations, IRegistrationHooks hooks,
    IAccounts accounts, ActivationCodes activation, IOptions<ActivationOptions> options, TimeProvider clock)
{
    public async Task<UserVersion> HandleAsync(RegisterUser command, CancellationToken cancellationToken)
    {
        var name = UserName.Parse(command.Name);
        var email = EmailAddress.Parse(command.Email);
        var key = IdempotentRegistration.ParseKey(command.IdempotencyKey);
        var fingerprint = IdempotentRegistration.FingerprintOf(name, email);
        if (key is not null && await EarlierAnswerAsync(key, fingerprint, cancellationToken) is { } earlier)
            return earlier;

        if (await hooks.BeforeRegistrationAsync(name.Value, email.Value, cancellationToken) is { } refusal)
            throw new RegistrationRejectedException(refusal);

        var userId = Guid.CreateVersion7();
        var events = UserDecider.Decide(new User.Register(userId, name, email), null);
        if (key is not null)
            registrations.Enlist(new IdempotentRegistration(key, fingerprint, userId)); // committed with the reservation
        accounts.EnlistPending(Account.Pending(userId, ActivationCodes.Hash(activation.CodeFor(userId)),
            clock.GetUtcNow() + options.Value.ActivationLifetime, options.Value.RolesOf(email.Value)));
        try
        {
            await reservations.ReserveAsync(email.Value, userId, cancellationToken);
        }
        catch (CommandRefusedException) when (key is not null)
        {
            // A concurrent request with the same key won (its key, or its email, was there first): answer as it did.
            if (await EarlierAnswerAsync(key, fingerprint, cancellationToken) is { } raced)
                return raced;
            throw;
        }

        try
        {
            await users.StartAsync(userId, events, cancellationToken);
        }
        catch
        {
            await reservations.AbandonRegistrationAsync(email.Value, userId, CancellationToken.None);
            throw;
        }

        await hooks.AfterRegistrationAsync(userId, name.Value, email.Value, cancellationToken);
        return new UserVersion(userId, events.Count);
    }

    private async Task<UserVersion?> EarlierAnswerAsync(string key, string fingerprint, CancellationToken cancellationToken) =>
        await registrations.FindAsync(key, cancellationToken) switch
        {
            null => null,
            { Fingerprint: var registered } when registered != fingerprint => throw new IdempotencyKeyReusedException(key),
            var found => new UserVersion(found.UserId, 1) { Replayed = true },
        };
}
