using System.Security.Cryptography;

namespace Platform.AppHost;

/// <summary>
/// The AppHost's secret parameters (ADR 0036): generated on a first run and kept in the AppHost's user secrets. A run
/// that must not touch those (a test's, a benchmark's) passes fresh ones of its own: <see cref="Fresh"/>. This file is
/// also compiled into the benchmarks, which start the AppHost as a command and cannot reference it.
/// </summary>
public static class SecretParameters
{
    /// <summary>The key the identity server's signing and encryption keys derive from.</summary>
    public const string IdentitySigningKey = "identity-signing-key";

    /// <summary>The key activation codes derive from.</summary>
    public const string ActivationKey = "activation-key";

    /// <summary>The admin tooling's client secret (client credentials, role admin); ./admin-token.sh reads it.</summary>
    public const string AdminClientSecret = "admin-client-secret";

    /// <summary>The services' own client secret, for the tokens they call each other with.</summary>
    public const string ServicesClientSecret = "services-client-secret";

    public static IReadOnlyList<string> All { get; } = [IdentitySigningKey, ActivationKey, AdminClientSecret, ServicesClientSecret];

    /// <summary>A fresh value for each, 256 random bits as hex.</summary>
    public static IReadOnlyDictionary<string, string> Fresh() =>
        All.ToDictionary(name => name, _ => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
}
