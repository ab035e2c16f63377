using Platform.UserCommand.Application.ActivatingAccount;

namespace Platform.UserCommand.Application.SigningIn;

/// <summary>
/// Checks a sign-in (the token endpoint's password grant, the sign-in page): an active account whose password matches.
/// Anything else is one and the same answer, so a caller cannot tell an unknown address from a wrong password or a
/// pending account; a password is verified even for an unknown address, so the time taken does not tell either.
/// </summary>
public sealed class SignInHandler(IAccounts accounts, IPasswordHashing passwords)
{
    private static readonly Guid Nobody = Guid.Empty;
    private static string? decoy; // hashed once per process: an unknown address then costs one verification, as a known one does

    /// <returns>The account, or null: the email and password do not sign in.</returns>
    public async Task<Account?> HandleAsync(string? email, string? password, CancellationToken ct)
    {
        var account = string.IsNullOrWhiteSpace(email) ? null : await accounts.FindByEmailAsync(email.Trim(), ct);
        var matches = passwords.Verify(account?.UserId ?? Nobody, account?.PasswordHash ?? (decoy ??= passwords.Hash(Nobody, Guid.NewGuid().ToString())), password ?? "");
        return matches && account is { IsActive: true } ? account : null;
    }

    /// <summary>The account behind a refresh token or a session is still there and active.</summary>
    public async Task<Account?> StillActiveAsync(Guid userId, CancellationToken ct) =>
        await accounts.FindAsync(userId, ct) is { IsActive: true } account ? account : null;
}
