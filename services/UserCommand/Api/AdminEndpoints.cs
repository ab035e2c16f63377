using Microsoft.AspNetCore.Http.HttpResults;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.ReplayingEvents;
using Platform.UserCommand.Application.ListingPlugins;

namespace Platform.UserCommand.Api;

/// <summary>GET /api/admin/plugins: each plugin, its hooks, its state, and how its hooks fared.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/plugins", (IPluginInventory plugins) => TypedResults.Ok(plugins.Describe()))
            .WithTags("Admin")
            .WithName("ListPlugins");

        // The event store's history for read-model rebuilds (ADR 0012); user-query calls it, the gateway does not route it.
        app.MapGet("/api/admin/events", async (long? after, int? limit, IUserEventReplay replay, CancellationToken ct) =>
                TypedResults.Ok(await replay.ReadAsync(Math.Max(0, after ?? 0), Math.Clamp(limit ?? 1_000, 1, 5_000), ct)))
            .WithTags("Admin")
            .WithName("ReplayUserEvents")
            .ExcludeFromDescription(); // for user-query's rebuilds inside the system: the gateway does not route it
        return app;
    }
}
