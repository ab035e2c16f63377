using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Application.ActivatingAccount;

public sealed record ActivateAccount(Guid UserId, string? Code, string? Password);

/// <summary>
/// <c>POST /api/users/{id}/activate</c>: the code from the welcome mail and a password make the account active. The
/// code is one-time and expires; only the password's hash is kept. A wrong, used or expired code changes nothing and
/// says only that the code is not valid (the answer tells a guesser nothing about which).
/// </summary>
public sealed class ActivateAccountHandler(IAccounts accounts, IPasswordHashing passwords, TimeProvider clock)
{
    public const int MinimumPasswordLength = 10;
    public const int MaximumPasswordLength = 200;

    public async Task HandleAsync(ActivateAccount command, CancellationToken ct)
    {
        var password = command.Password ?? "";
        if (password.Length is < MinimumPasswordLength or > MaximumPasswordLength)
            throw new InvalidUserDataException("password", $"A password has {MinimumPasswordLength} to {MaximumPasswordLength} characters.");
        if (string.IsNullOrWhiteSpace(command.Code))
            throw new InvalidUserDataException("code", "The activation code from the welcome mail is required.");

        var account = await accounts.FindAsync(command.UserId, ct) ?? throw new StreamNotFoundException(nameof(User), command.UserId);
        if (account is not { State: AccountState.Pending, ActivationCodeHash: { } hash }
            || account.ActivationExpiresAt <= clock.GetUtcNow()
            || !ActivationCodes.Matches(hash, command.Code))
            throw new ActivationCodeInvalidException();

        var activated = account with
        {
            State = AccountState.Active,
            ActivationCodeHash = null,
            PasswordHash = passwords.Hash(account.UserId, password),
            ActivatedAt = clock.GetUtcNow(),
        };
        await accounts.SaveAsync(activated, ct);
    }
}

/// <summary>The code is wrong, used or expired: 422, and nothing changed.</summary>
public sealed class ActivationCodeInvalidException()
    : CommandRefusedException("This activation code is not valid: it is wrong, already used, or expired.");
