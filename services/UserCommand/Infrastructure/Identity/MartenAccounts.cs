using Marten;
using JasperFx;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.EventStore;

namespace Platform.UserCommand.Infrastructure.Identity;

/// <summary>An account's credentials as a Marten document beside the email index, in the user-command database; versioned, so two activations cannot both win.</summary>
public sealed class AccountDocument
{
    public Guid Id { get; set; }

    public AccountState State { get; set; }

    public string? ActivationCodeHash { get; set; }

    public DateTimeOffset ActivationExpiresAt { get; set; }

    public string? PasswordHash { get; set; }

    public DateTimeOffset? ActivatedAt { get; set; }

    public List<string> Roles { get; set; } = [];

    public static AccountDocument From(Account account) => new()
    {
        Id = account.UserId,
        State = account.State,
        ActivationCodeHash = account.ActivationCodeHash,
        ActivationExpiresAt = account.ActivationExpiresAt,
        PasswordHash = account.PasswordHash,
        ActivatedAt = account.ActivatedAt,
        Roles = [.. account.Roles],
    };

    public Account ToAccount() => new(Id, State, ActivationCodeHash, ActivationExpiresAt, PasswordHash, ActivatedAt, Roles);
}

/// <summary>The accounts in Marten; a pending account joins the request's session, which the unit of work commits with the registration.</summary>
public sealed class MartenAccounts(IDocumentSession session) : IAccounts
{
    public void EnlistPending(Account account) => session.Insert(AccountDocument.From(account));

    public async Task<Account?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        (await session.LoadAsync<AccountDocument>(userId, cancellationToken))?.ToAccount();

    public async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        string address;
        try
        {
            address = EmailAddress.Parse(email).Value;
        }
        catch (InvalidUserDataException)
        {
            return null;
        }
        var owner = await session.Query<UserEmailIndex>().Where(index => index.Email == address).Select(index => index.Id).ToListAsync(cancellationToken);
        return owner.Count == 1 ? await FindAsync(owner[0], cancellationToken) : null;
    }

    /// <summary>The document's version was read with it: a save after another one fails (optimistic concurrency).</summary>
    public async Task SaveAsync(Account account, CancellationToken cancellationToken)
    {
        session.Store(AccountDocument.From(account));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException e)
        {
            throw new AccountChangedMeanwhileException(account.UserId, e);
        }
    }
}
