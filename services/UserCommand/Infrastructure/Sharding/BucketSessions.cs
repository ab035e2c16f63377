using Marten;
using Platform.EventStore;
using Platform.EventStore.UnitOfWork;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// A request's sessions on the sharded store: one per bucket it touches, opened on the shard the directory places
/// the bucket (Marten routes a tenant's session to its database), and closed with the request.
/// </summary>
public sealed class BucketSessions(IDocumentStore store) : IStreamSessions, IAsyncDisposable
{
    private readonly Dictionary<string, IDocumentSession> open = [];

    /// <summary>The shards this request's sessions are on.</summary>
    public IReadOnlyCollection<string> Shards => [.. open.Values.Select(session => StoreDatabases.NameOf(session.Database)).Distinct()];

    public IDocumentSession For(Guid streamId)
    {
        var bucket = UserBuckets.TenantOf(streamId);
        if (!open.TryGetValue(bucket, out var session))
            open[bucket] = session = store.LightweightSession(bucket);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in open.Values)
            await session.DisposeAsync();
    }
}
