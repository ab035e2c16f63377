using Platform.ServiceDefaults.Identity;

namespace Platform.Gateway.Admin;

/// <summary>
/// Every <c>/api/admin/*</c> route needs a bearer token of the Platform's identity server with the <c>admin</c> role
/// (ADR 0036, superseding ADR 0019's shared key): the admin tooling's client gets one by client credentials,
/// <c>./admin-token.sh</c> asks for it. No token, or a bad one, gets 401; another role 403; both as problem+json.
/// </summary>
public static class AdminAuthentication
{
    public const string Policy = AuthorizationPolicies.Admin;

    /// <summary>The policies the proxied routes name too (<c>signed-in</c> for a caller's own data, see appsettings.json).</summary>
    public static WebApplicationBuilder AddAdminAuthentication(this WebApplicationBuilder builder)
    {
        builder.AddPlatformAuthorization(hint: ": sign in at /connect/token (the README shows how), or ./admin-token.sh for an admin's");
        return builder;
    }
}
