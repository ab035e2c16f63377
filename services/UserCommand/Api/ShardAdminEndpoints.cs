using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Identity;
using Platform.UserCommand.Application.ListingShards;
using Platform.UserCommand.Application.RebalancingShards;

namespace Platform.UserCommand.Api;

/// <summary>
/// The shards of the users' event store (issue 22): GET lists them, their share of the ring, buckets, users, events
/// and the running rebalance's moves; POST adds a server to the ring (the spare, or the one named); DELETE drains one.
/// A rebalance runs in the background: both answer 202 with what it will move, and GET follows it.
/// </summary>
public static class ShardAdminEndpoints
{
    private const string Route = "/api/admin/shards";

    public static IEndpointRouteBuilder MapShardAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, async (IShardInventory inventory, CancellationToken ct) => TypedResults.Ok(await inventory.DescribeAsync(ct)))
            .RequireServiceOrAdmin() // the gateway's topology reads it
            .WithTags("Admin")
            .WithName("ListShards");

        app.MapPost(Route, async Task<Accepted<RebalanceStarted>> (AddShardRequest? request, IShardRebalance rebalance, CancellationToken ct) =>
                TypedResults.Accepted(Route, await rebalance.AddAsync(string.IsNullOrWhiteSpace(request?.Server) ? null : request.Server.Trim(), ct)))
            .RequireAdmin()
            .WithTags("Admin")
            .WithName("AddShard")
            .WithSummary("Adds a server to the ring ({} the spare, {\"server\": name} one of the configured servers) and moves its buckets to it, online.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapDelete($"{Route}/{{id}}", async Task<Accepted<RebalanceStarted>> (string id, IShardRebalance rebalance, CancellationToken ct) =>
                TypedResults.Accepted(Route, await rebalance.DrainAsync(id, ct)))
            .RequireAdmin()
            .WithTags("Admin")
            .WithName("DrainShard")
            .WithSummary("Takes a server off the ring and moves its buckets to the others, online; it stays a spare.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}

/// <param name="Server">One of the store's configured servers (users-shard-4); none: the first spare.</param>
public sealed record AddShardRequest(string? Server);
