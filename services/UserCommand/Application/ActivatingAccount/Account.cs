using Platform.UserCommand.Application;

namespace Platform.UserCommand.Application.ActivatingAccount;

public enum AccountState
{
    /// <summary>Registered; waits for its activation code and a password. It cannot sign in.</summary>
    Pending,

    /// <summary>Activated with a password: it can sign in.</summary>
    Active,
}

/// <summary>
/// A user's credentials, kept beside the email index and never in an event (a stream is kept for ever and copied to
/// every consumer): whether the account is active, the hash of its one-time activation code until it is used, the
/// password's hash once set, and its roles.
/// </summary>
public sealed record Account(
    Guid UserId, AccountState State, string? ActivationCodeHash, DateTimeOffset ActivationExpiresAt, string? PasswordHash,
    DateTimeOffset? ActivatedAt, IReadOnlyList<string> Roles)
{
    public static Account Pending(Guid userId, string activationCodeHash, DateTimeOffset expiresAt, IReadOnlyList<string> roles) =>
        new(userId, AccountState.Pending, activationCodeHash, expiresAt, null, null, roles);

    public bool IsActive => State == AccountState.Active;
}

/// <summary>Port to the accounts' credentials.</summary>
public interface IAccounts
{
    /// <summary>Stores the account with the registration's email reservation in the directory: both are stored, or neither.</summary>
    void EnlistPending(Account account);

    Task<Account?> FindAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The account of the user whose current email is <paramref name="email"/> (as the email index has it).</summary>
    Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>Stores the changed account, unless another change stored it since it was read (then <see cref="AccountChangedMeanwhileException"/>).</summary>
    Task SaveAsync(Account account, CancellationToken cancellationToken);
}

/// <summary>Port to the password hashing function (ASP.NET Core Identity's, in the infrastructure).</summary>
public interface IPasswordHashing
{
    string Hash(Guid userId, string password);

    bool Verify(Guid userId, string hash, string password);
}

/// <summary>Two activations of one account raced; the second lost and changed nothing.</summary>
public sealed class AccountChangedMeanwhileException(Guid userId, Exception? inner = null)
    : CommandRefusedException($"The account of user {userId} changed meanwhile; nothing was changed.", inner);
