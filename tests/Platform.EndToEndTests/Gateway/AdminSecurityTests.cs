using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Gateway;

/// <summary>Every /api/admin route, the gateway's own and the services' behind it, needs a bearer token with the admin role.</summary>
[Collection(PlatformCollection.Name)]
public sealed class AdminSecurityTests(PlatformFixture platform)
{
    private static readonly (HttpMethod Method, string Path)[] AdminRoutes =
    [
        (HttpMethod.Get, "/api/admin/services"),
        (HttpMethod.Get, "/api/admin/policies/email"),
        (HttpMethod.Put, "/api/admin/policies/email"),
        (HttpMethod.Get, "/api/admin/plugins"),
        (HttpMethod.Get, "/api/admin/shards"),
        (HttpMethod.Post, "/api/admin/shards"),
        (HttpMethod.Delete, "/api/admin/shards/users-shard-1"),
        (HttpMethod.Get, "/api/admin/read-models/rebuild"),
        (HttpMethod.Post, "/api/admin/read-models/rebuild"),
        (HttpMethod.Get, "/api/admin/analytics/batch"),
        (HttpMethod.Post, "/api/admin/analytics/batch"),
        (HttpMethod.Get, "/api/admin/analytics/replay"),
        (HttpMethod.Post, "/api/admin/analytics/replay"),
        (HttpMethod.Get, "/api/admin/orders/attention"),
        (HttpMethod.Post, $"/api/admin/orders/{Guid.NewGuid()}/compensate"),
        (HttpMethod.Get, "/api/admin/dead-letters"),
        (HttpMethod.Post, "/api/admin/dead-letters/user-query-user-registered_error/redrive"),
    ];

    [Fact]
    public async Task Anonymous_callers_forged_tokens_and_the_wrong_role_are_refused_on_every_admin_route()
    {
        var (_, _, viewer) = await new Accounts(platform).SignedUpAsync("Not An Admin"); // a real token, without the role
        var forged = Forged(); // the role, but not the server's signature

        foreach (var (method, path) in AdminRoutes)
        {
            using (var anonymous = await SendAsync(method, path, token: null))
            {
                await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
                Assert.Contains(anonymous.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
            }
            using (var withForgedToken = await SendAsync(method, path, forged))
                await ProblemAssert.IsProblemAsync(withForgedToken, HttpStatusCode.Unauthorized);
            using (var asViewer = await SendAsync(method, path, viewer))
                await ProblemAssert.IsProblemAsync(asViewer, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task An_admin_token_minted_by_the_documented_command_opens_the_admin_routes()
    {
        foreach (var (method, path) in AdminRoutes.Where(route => route.Method == HttpMethod.Get))
        {
            using var response = await platform.Admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
            request.Content = JsonContent.Create(new { });
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return platform.Gateway.SendAsync(request);
    }

    /// <summary>A token as the server would write it for an admin, signed with a key of the forger's own.</summary>
    private string Forged()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/",
            Audience = "platform",
            Claims = new Dictionary<string, object> { ["sub"] = "platform-admin", ["role"] = "admin" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(key), "ES256"),
        });
    }
}
