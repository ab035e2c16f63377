using Platform.Testing;
using Microsoft.Extensions.Options;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Application.KeepingEmailsUnique;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Tests.Application;

/// <summary>
/// User streams in memory behind the unit of work, with the directory the service keeps beside them: an email is
/// reserved by one user at a time, and a registration's idempotency key and pending account, enlisted before its
/// email is reserved, are stored with the reservation or not at all; a released address is free unless the holder's
/// stream has it.
/// </summary>
public sealed class InMemoryUsers : InMemoryUnitOfWork<User>, IIdempotentRegistrations, IAccounts, IEmailReservations
{
    public static readonly ActivationOptions Activation = new()
    {
        ActivationKey = "a-test-key-that-is-at-least-32-characters-long", PublicAddress = new Uri("http://gateway.test/"),
    };

    private readonly Dictionary<string, IdempotentRegistration> keys = [];
    private readonly Dictionary<Guid, Account> accounts = [];
    private readonly Dictionary<string, Guid> reservations = [];
    private IdempotentRegistration? enlisted;
    private Account? pending;

    public InMemoryUsers() : base(events => events.Aggregate((User?)null, UserDecider.Evolve)!)
    {
    }

    /// <summary>The registration use case on these streams, as the service wires it.</summary>
    public RegisterUserHandler Registrations(IRegistrationHooks? hooks = null, TimeProvider? clock = null) =>
        new(this, this, this, hooks ?? new NoRegistrationHooks(), this, new ActivationCodes(Options.Create(Activation)), Options.Create(Activation), clock ?? TimeProvider.System);

    /// <summary>The changes of address on these streams, as the service wires them.</summary>
    public AddressChanges AddressChanges() => new(this, this);

    /// <summary>The addresses reserved, and for whom.</summary>
    public IReadOnlyDictionary<string, Guid> Reservations => reservations;

    public void EnlistPending(Account account) => pending = account;

    public Task<Account?> FindAsync(Guid userId, CancellationToken cancellationToken) => Task.FromResult(accounts.GetValueOrDefault(userId));

    public Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(reservations.TryGetValue(email.Trim().ToLowerInvariant(), out var id) && accounts.TryGetValue(id, out var account) ? account : null);

    public Task SaveAsync(Account account, CancellationToken cancellationToken)
    {
        accounts[account.UserId] = account;
        return Task.CompletedTask;
    }

    public Task<IdempotentRegistration?> FindAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(keys.GetValueOrDefault(key));

    public void Enlist(IdempotentRegistration registration) => enlisted = registration;

    /// <summary>Runs another write between a registration's checks and its reservation's commit.</summary>
    public Action? InterleaveBeforeNextReservation { get; set; }

    /// <summary>One commit, as in the directory: the enlisted key first, then the address; a refusal stores nothing.</summary>
    public Task ReserveAsync(string email, Guid userId, CancellationToken ct)
    {
        var (key, account) = (enlisted, pending);
        (enlisted, pending) = (null, null);
        if (InterleaveBeforeNextReservation is { } interleaved)
        {
            InterleaveBeforeNextReservation = null;
            interleaved();
        }
        if (key is not null && keys.ContainsKey(key.Key))
            throw new IdempotencyKeyTakenException(new InvalidOperationException("duplicate key"));
        if (reservations.TryGetValue(email, out var holder) && holder != userId)
            throw new EmailAlreadyTakenException();
        reservations[email] = userId;
        if (key is not null)
            keys[key.Key] = key;
        if (account is not null)
            accounts[account.UserId] = account;
        return Task.CompletedTask;
    }

    public Task ConfirmAsync(string email, Guid userId, CancellationToken ct) => Task.CompletedTask;

    public Task ReleaseAsync(string email, Guid userId, CancellationToken ct)
    {
        if (reservations.GetValueOrDefault(email) == userId && Load(userId)?.Email != email)
            reservations.Remove(email);
        return Task.CompletedTask;
    }

    public async Task AbandonRegistrationAsync(string email, Guid userId, CancellationToken ct)
    {
        if (Load(userId) is not null)
            return;
        await ReleaseAsync(email, userId, ct);
        accounts.Remove(userId);
        foreach (var key in keys.Values.Where(key => key.UserId == userId).ToList())
            keys.Remove(key.Key);
    }
}
