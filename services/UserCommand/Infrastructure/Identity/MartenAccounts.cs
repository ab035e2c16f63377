using Marten;
using JasperFx;
using Platform.UserCommand.Application.ActivatingAccount;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.UserDirectory;

namespace Platform.UserCommand.Infrastructure.Identity;

/// <summary>An account's credentials as a Marten document in the directory, beside the email reservations; versioned, so two activations cannot both win.</summary>
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

/// <summary>The accounts in the directory; a pending account joins the request's directory session, which commits it with the registration's email reservation.</summary>
public sealed class MartenAccounts(DirectorySession directory) : IAccounts
{
    private IDocumentSession session => directory.Session;

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
        return await session.LoadAsync<EmailReservation>(address, cancellationToken) is { } held
            ? await FindAsync(held.UserId, cancellationToken)
            : null;
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
