using Microsoft.AspNetCore.Identity;
using Platform.UserCommand.Application.ActivatingAccount;

namespace Platform.UserCommand.Infrastructure.Identity;

/// <summary>
/// ASP.NET Core Identity's password hasher: PBKDF2 with HMAC-SHA-512, 100,000 iterations, a random salt, its format
/// versioned so a future hasher can read today's hashes. Tens of milliseconds of CPU per hash: it runs on activation
/// and sign-in, never on a registration.
/// </summary>
public sealed class IdentityPasswordHashing : IPasswordHashing
{
    private readonly PasswordHasher<string> hasher = new(); // the "user" argument is unused by the hasher itself

    public string Hash(Guid userId, string password) => hasher.HashPassword(userId.ToString(), password);

    public bool Verify(Guid userId, string hash, string password) =>
        hasher.VerifyHashedPassword(userId.ToString(), hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
}
