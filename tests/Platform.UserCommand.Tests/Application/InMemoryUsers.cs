using Platform.Testing;
using Microsoft.Extensions.Options;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

/// <summary>
/// User streams in memory behind the unit of work, with the Marten adapter's unique indexes: an email belongs to one
/// user, and a registration's idempotency key and pending account, enlisted before its stream starts, commit with it
/// or not at all.
/// </summary>
public sealed class InMemoryUsers : InMemoryUnitOfWork<User>, IIdempotentRegistrations, IAccounts
{
    public static readonly ActivationOptions Activation = new()
    {
        ActivationKey = "a-test-key-that-is-at-least-32-characters-long", PublicAddress = new Uri("http://gateway.test/"),
    };

    private readonly Dictionary<string, IdempotentRegistration> keys = [];
    private readonly Dictionary<Guid, Account> accounts = [];
    private IdempotentRegistration? enlisted;
    private Account? pending;

    /// <summary>The registration use case on these streams, as the service wires it.</summary>
    public RegisterUserHandler Registrations(IRegistrationHooks? hooks = null, TimeProvider? clock = null) =>
        new(this, this, hooks ?? new NoRegistrationHooks(), this, new ActivationCodes(Options.Create(Activation)), Options.Create(Activation), clock ?? TimeProvider.System);

    public void EnlistPending(Account account) => pending = account;

    public Task<Account?> FindAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult(accounts.GetValueOrDefault(userId));

    public Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(StreamIds.FirstOrDefault(id => Load(id)?.Email == email.Trim().ToLowerInvariant()) is var id && accounts.TryGetValue(id, out var account) ? account : null);

    public Task SaveAsync(Account account, CancellationToken cancellationToken)
    {
        accounts[account.UserId] = account;
        return Task.CompletedTask;
    }

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
        if (@event is not UserCreated)
            return;
        if (enlisted is { } key)
        {
            enlisted = null;
            if (!keys.TryAdd(key.Key, key))
                throw new IdempotencyKeyTakenException(new InvalidOperationException("duplicate key"));
        }
        if (pending is { } account)
        {
            pending = null;
            accounts[account.UserId] = account;
        }
    }
}
