using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// Reads the identity server's discovery document and signing keys from the server itself (user-command, found by
/// service discovery) rather than through the public issuer address its document names: a service inside the
/// deployment need not reach the outside address to check a token. The issuer the tokens carry stays the public one.
/// </summary>
public sealed class IdentityServerConfiguration(HttpClient http, Uri server) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var configuration = OpenIdConnectConfiguration.Create(await http.GetStringAsync(new Uri(server, ".well-known/openid-configuration"), cancel));
        configuration.JsonWebKeySet = new JsonWebKeySet(await http.GetStringAsync(new Uri(server, ".well-known/jwks"), cancel));
        foreach (var key in configuration.JsonWebKeySet.GetSigningKeys())
            configuration.SigningKeys.Add(key);
        return configuration;
    }
}
