using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.UserCommand.Application.ActivatingAccount;

public sealed class ActivationOptions
{
    public const string Section = "Identity";

    /// <summary>The secret the activation codes are derived from (the AppHost's secret parameter <c>activation-key</c>).</summary>
    public string ActivationKey { get; set; } = "";

    /// <summary>The gateway's public address: the activation link points at its /activate page.</summary>
    public Uri? PublicAddress { get; set; }

    public TimeSpan ActivationLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The operators: accounts registered with one of these addresses (comma-separated) carry the admin role.</summary>
    public string AdminEmails { get; set; } = "";

    public IReadOnlyList<string> RolesOf(string email) =>
        AdminEmails.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(email, StringComparer.OrdinalIgnoreCase) ? ["admin"] : [];
}

/// <summary>
/// A user's activation code is derived from a secret key and the user's id (HMAC-SHA-256), so the registration can
/// store its hash and the outbox, which mails the link later and perhaps twice, derives the same code again: the
/// code itself is stored nowhere. It is one-time because activating clears the hash.
/// </summary>
public sealed class ActivationCodes(IOptions<ActivationOptions> options)
{
    public string CodeFor(Guid userId) => OneTimeCodes.Derive(options.Value, $"activation:{userId:N}");

    public string LinkFor(Guid userId)
    {
        var gateway = options.Value.PublicAddress ?? throw new InvalidOperationException("Identity:PublicAddress is not set: no activation link can be made.");
        return new Uri(gateway, $"/activate?user={userId}&code={CodeFor(userId)}").ToString();
    }

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    /// <summary>In constant time: how much of a guess was right does not show in how long the answer takes.</summary>
    public static bool Matches(string hash, string? code) => code is not null && OneTimeCodes.Same(hash, Hash(code));
}
