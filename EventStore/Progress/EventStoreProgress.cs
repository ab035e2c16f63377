using Platform.ServiceDefaults.Identity;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Platform.EventStore.Progress;

/// <summary>
/// How far each asynchronous projection and subscription (the outbox forwarder among them) trails the event store,
/// from Marten's progression table: <c>GET /api/admin/event-store/progress</c>. The gateway's topology reads it; the
/// gateway does not route it, so it is reachable inside the system only.
/// </summary>
public static class EventStoreProgress
{
    public const string Route = "/api/admin/event-store/progress";

    /// <summary>The default store's progress, at <see cref="Route"/>.</summary>
    public static IEndpointRouteBuilder MapEventStoreProgress(this IEndpointRouteBuilder app) => app.MapEventStoreProgress<IDocumentStore>();

    /// <summary><typeparamref name="TStore"/>'s progress, at <paramref name="route"/>: a process with several stores serves each at a route of its own.</summary>
    public static IEndpointRouteBuilder MapEventStoreProgress<TStore>(this IEndpointRouteBuilder app, string route = Route) where TStore : IDocumentStore
    {
        app.MapGet(route, ([FromServices] TStore store, CancellationToken ct) => ReadAsync(store, ct))
            .WithTags("Event store").ExcludeFromDescription().RequireServiceOrAdmin(); // the gateway's topology reads it
        return app;
    }

    private static async Task<ProgressView> ReadAsync(IDocumentStore store, CancellationToken ct)
    {
        var (highest, shards) = (0L, new List<ShardView>());
        foreach (var (name, database) in await store.NamedDatabasesAsync())
        {
            var databaseHighest = await database.FetchHighestEventSequenceNumber(ct);
            highest += databaseHighest;
            shards.AddRange((await database.AllProjectionProgress(ct))
                .OrderBy(shard => shard.ShardName)
                .Select(shard => new ShardView(shard.ShardName, name, shard.Sequence, Math.Max(0, databaseHighest - shard.Sequence))));
        }
        return new ProgressView(highest, shards);
    }

    /// <param name="HighestSequence">The newest event's sequence number, summed over the store's databases (a sharded store numbers each shard's events itself).</param>
    /// <param name="Shards">Each projection and subscription (and the daemon's high-water mark) in each database, with the last sequence it processed there, and how many behind it is.</param>
    public sealed record ProgressView(long HighestSequence, IReadOnlyList<ShardView> Shards);

    public sealed record ShardView(string Name, string Database, long Sequence, long Lag);
}
