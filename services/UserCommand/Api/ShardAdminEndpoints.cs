using Platform.ServiceDefaults.Identity;
using Platform.UserCommand.Application.ListingShards;

namespace Platform.UserCommand.Api;

/// <summary>GET /api/admin/shards: the shard servers of the users' event store, their share of the ring, buckets, users and events (issue 22).</summary>
public static class ShardAdminEndpoints
{
    public static IEndpointRouteBuilder MapShardAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/shards", async (IShardInventory inventory, CancellationToken ct) => TypedResults.Ok(await inventory.DescribeAsync(ct)))
            .RequireServiceOrAdmin() // the gateway's topology reads it
            .WithTags("Admin")
            .WithName("ListShards");
        return app;
    }
}
