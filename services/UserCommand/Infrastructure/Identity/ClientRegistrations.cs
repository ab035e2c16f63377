using System.Text.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.UserCommand.Infrastructure.Identity;

/// <summary>
/// The clients the server knows, written on every start (created, or updated to what this code says):
/// <list type="bullet">
/// <item><c>platform-cli</c>, public: the password grant and refresh tokens, for API clients and tests;</item>
/// <item><c>platform-admin</c>, confidential: client credentials with the admin role, for admin tooling (<c>./admin-token.sh</c>);</item>
/// <item><c>platform-services</c>, confidential: client credentials with the service role, for service-to-service calls;</item>
/// <item><c>platform-pages</c>, public: the authorization code flow with PKCE, for the gateway's pages, which come back to <c>/signed-in</c>.</item>
/// </list>
/// A client's roles are kept in its properties (<see cref="RolesProperty"/>), where the token endpoint reads them.
/// </summary>
public sealed class ClientRegistrations(IServiceScopeFactory scopes, IOptions<IdentityOptions> options, ILogger<ClientRegistrations> logger) : IHostedService
{
    public const string Cli = "platform-cli";
    public const string Admin = "platform-admin";
    public const string Services = "platform-services";
    public const string Pages = "platform-pages";
    public const string RolesProperty = "roles";
    public const string ApiScope = ServiceDefaults.Identity.BearerTokenExtensions.Scope;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in Clients(options.Value))
        {
            if (await applications.FindByClientIdAsync(client.ClientId!, cancellationToken) is { } existing)
                await applications.UpdateAsync(existing, client, cancellationToken);
            else
                await applications.CreateAsync(client, cancellationToken);
        }
        logger.LogInformation("OpenID Connect clients registered: {Clients}", string.Join(", ", Cli, Admin, Services, Pages));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<OpenIddictApplicationDescriptor> Clients(IdentityOptions options)
    {
        var cli = new OpenIddictApplicationDescriptor { ClientId = Cli, ClientType = ClientTypes.Public, DisplayName = "Platform API clients (password grant)" };
        cli.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.Password,
            Permissions.GrantTypes.RefreshToken, Permissions.Prefixes.Scope + ApiScope]);
        yield return cli;
        yield return Confidential(Admin, "Admin tooling", Secret(options.AdminClientSecret, "AdminClientSecret"), "admin");
        yield return Confidential(Services, "Service-to-service calls", Secret(options.ServicesClientSecret, "ServicesClientSecret"), "service");
        if (options.PublicAddress is { } gateway)
        {
            var pages = new OpenIddictApplicationDescriptor
            {
                ClientId = Pages, ClientType = ClientTypes.Public, ConsentType = ConsentTypes.Implicit, DisplayName = "The gateway's pages",
            };
            pages.RedirectUris.Add(new Uri(gateway, "/signed-in"));
            pages.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Prefixes.Scope + ApiScope]);
            pages.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            yield return pages;
        }
    }

    private static OpenIddictApplicationDescriptor Confidential(string clientId, string name, string secret, string role)
    {
        var client = new OpenIddictApplicationDescriptor { ClientId = clientId, ClientSecret = secret, ClientType = ClientTypes.Confidential, DisplayName = name };
        client.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + ApiScope]);
        client.Properties[RolesProperty] = JsonSerializer.SerializeToElement(new[] { role });
        return client;
    }

    private static string Secret(string secret, string name) =>
        secret.Length >= 32 ? secret : throw new InvalidOperationException($"Identity:{name} is not set (at least 32 characters): the AppHost passes it as a secret parameter.");
}
