using Platform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.UserCommand.Application.ListingPlugins;

namespace Platform.UserCommand.Api;

/// <summary>GET /api/admin/plugins: each plugin, its hooks, its state, and how its hooks fared.</summary>
public static class PluginAdminEndpoints
{
    public static IEndpointRouteBuilder MapPluginAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/plugins", (IPluginInventory plugins) => TypedResults.Ok(plugins.Describe()))
            .RequireAdmin()
            .WithTags("Admin")
            .WithName("ListPlugins");

        return app;
    }
}
