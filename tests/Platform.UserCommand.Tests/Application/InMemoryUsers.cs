using Platform.Testing;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

/// <summary>
/// User streams in memory behind the unit of work, with the Marten adapter's unique indexes: an email belongs to one
/// user, and a registration's idempotency key, enlisted before its stream starts, commits with it or not at all.
/// </summary>
public sealed class InMemoryUsers : InMemoryUnitOfWork<User>, IIdempotentRegistrations
{
    private readonly Dictionary<string, IdempotentRegistration> keys = [];
    private IdempotentRegistration? enlisted;

    public InMemoryUsers() : base(events => events.Aggregate((User?)null, UserDecider.Evolve)!) => Commit = Claim;

    public Task<IdempotentRegistration?> FindAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(keys.GetValueOrDefault(key));

    public void Enlist(IdempotentRegistration registration) => enlisted = registration;

    /// <summary>Runs as an event commits: the email first, then the enlisted key, as the two unique indexes would.</summary>
    private void Claim(Guid userId, object @event)
    {
        var email = @event switch { UserCreated created => created.Email, EmailUpdated updated => updated.NewEmail, _ => null };
        if (email is not null && StreamIds.Any(id => id != userId && Load(id)?.Email == email))
            throw new EmailAlreadyTakenException();
        if (@event is not UserCreated || enlisted is not { } key)
            return;
        enlisted = null;
        if (!keys.TryAdd(key.Key, key))
            throw new IdempotencyKeyTakenException(new InvalidOperationException("duplicate key"));
    }
}
