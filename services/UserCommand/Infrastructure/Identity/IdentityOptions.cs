namespace Platform.UserCommand.Infrastructure.Identity;

/// <summary>The "Identity" section: the issuer, the secret its keys derive from, and the confidential clients' secrets.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Identity";

    /// <summary>The gateway's public address: the tokens' issuer, fixed, since the services see one another on other addresses.</summary>
    public Uri? PublicAddress { get; set; }

    /// <summary>The AppHost's secret parameter <c>identity-signing-key</c>: the signing and encryption keys derive from it (<see cref="IdentityKeys"/>).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The secret of the admin tooling's client, <c>platform-admin</c> (client credentials, role admin).</summary>
    public string AdminClientSecret { get; set; } = "";

    /// <summary>The secret of the services' client, <c>platform-services</c> (client credentials, role service).</summary>
    public string ServicesClientSecret { get; set; } = "";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
}
