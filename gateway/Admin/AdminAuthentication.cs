using Platform.ServiceDefaults.Identity;

namespace Platform.Gateway.Admin;

/// <summary>
/// Every <c>/api/admin/*</c> route needs a bearer token of the Platform's identity server with the <c>admin</c> role
/// (ADR 0036, superseding ADR 0019's shared key): the admin tooling's client gets one by client credentials,
/// <c>./admin-token.sh</c> asks for it. No token, or a bad one, gets 401; another role 403; both as problem+json.
/// </summary>
public static class AdminAuthentication
{
    public const string Policy = "admin";
    public const string Role = "admin";

    public static WebApplicationBuilder AddAdminAuthentication(this WebApplicationBuilder builder)
    {
        builder.AddPlatformBearerTokens(hint: ": ./admin-token.sh asks the identity server for an admin's");
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireRole(Role));
        return builder;
    }
}
