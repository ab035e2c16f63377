using Platform.ServiceDefaults.Identity;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    public static IEndpointRouteBuilder MapEventStoreProgress(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, ReadAsync).WithTags("Event store").ExcludeFromDescription().RequireServiceOrAdmin(); // the gateway's topology reads it
        return app;
    }

    private static async Task<ProgressView> ReadAsync(IDocumentStore store, CancellationToken ct)
    {
        var highest = await store.Storage.Database.FetchHighestEventSequenceNumber(ct);
        var shards = await store.Advanced.AllProjectionProgress(token: ct);
        return new ProgressView(highest, [.. shards
            .OrderBy(shard => shard.ShardName)
            .Select(shard => new ShardView(shard.ShardName, shard.Sequence, Math.Max(0, highest - shard.Sequence)))]);
    }

    /// <param name="HighestSequence">The newest event's sequence number.</param>
    /// <param name="Shards">Each shard (and the daemon's high-water mark) with the last sequence it processed, and how many behind it is.</param>
    public sealed record ProgressView(long HighestSequence, IReadOnlyList<ShardView> Shards);

    public sealed record ShardView(string Name, long Sequence, long Lag);
}
