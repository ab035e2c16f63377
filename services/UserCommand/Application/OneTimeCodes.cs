using System.Security.Cryptography;
using System.Text;
using Platform.UserCommand.Application.ActivatingAccount;

namespace Platform.UserCommand.Application;

/// <summary>
/// The codes mailed to prove an address (activation, an email change): HMAC-SHA-256 of what the code is for, under the
/// secret <c>activation-key</c>, 128 bits. Whoever holds the key derives the same code again, so the outbox can mail it
/// (perhaps twice) and the confirmation can check it, while the code itself is stored nowhere.
/// </summary>
public static class OneTimeCodes
{
    public static string Derive(ActivationOptions options, string subject)
    {
        var key = options.ActivationKey;
        if (key.Length < 32)
            throw new InvalidOperationException("Identity:ActivationKey is not set (at least 32 characters): no code can be issued.");
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(subject));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>In constant time: how much of a guess was right does not show in how long the answer takes.</summary>
    public static bool Same(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given.Trim().ToLowerInvariant()));
}
