using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// What a service's own routes ask of a caller's token, checked in the service whatever the gateway did (a caller
/// who reaches a service directly meets the same rules): <see cref="Admin"/> for the admin routes, and
/// <see cref="ServiceOrAdmin"/> for the routes other services read (the event-store history, the projections' progress),
/// and <see cref="SignedIn"/> for a caller's own data (the gateway's routes; a service checks the owner itself).
/// </summary>
public static class AuthorizationPolicies
{
    public const string Admin = "admin";
    public const string ServiceOrAdmin = "service-or-admin";
    public const string SignedIn = "signed-in";

    /// <summary>The service checks the Platform's tokens, with the two policies above.</summary>
    /// <param name="hint">Ends the 401's detail: how a caller gets a token.</param>
    public static IHostApplicationBuilder AddPlatformAuthorization(this IHostApplicationBuilder builder, string? hint = null)
    {
        builder.AddPlatformBearerTokens(hint);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole("admin"))
            .AddPolicy(ServiceOrAdmin, policy => policy.RequireAuthenticatedUser().RequireRole("admin", "service"))
            .AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser());
        return builder;
    }

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(Admin);

    public static TBuilder RequireServiceOrAdmin<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(ServiceOrAdmin);
}
