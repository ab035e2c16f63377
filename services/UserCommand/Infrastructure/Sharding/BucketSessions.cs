using Marten;
using Platform.EventStore;
using Platform.EventStore.Sharding;
using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Infrastructure.Sharding.Moving;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// A request's sessions on the sharded store: one per bucket it touches, opened on the shard the directory places
/// the bucket (Marten routes a tenant's session to its database), and closed with the request. A write first holds
/// its bucket in the <see cref="BucketGate"/> until the request ends, so a move never flips a bucket under a write;
/// its session is opened after that, where the bucket is then, and its save passes the bucket's guard on the shard
/// (<see cref="BucketFence"/>), which holds a move's freeze for every process that writes.
/// </summary>
public sealed class BucketSessions(IDocumentStore store, BucketGate gate) : IStreamSessions, IAsyncDisposable
{
    private readonly Dictionary<string, IDocumentSession> open = [];
    private readonly Dictionary<string, IDisposable> held = [];

    /// <summary>The shards this request's sessions are on.</summary>
    public IReadOnlyCollection<string> Shards => [.. open.Values.Select(session => StoreDatabases.NameOf(session.Database)).Distinct()];

    public IDocumentSession For(Guid streamId)
    {
        var bucket = UserBuckets.TenantOf(streamId);
        if (!open.TryGetValue(bucket, out var session))
            open[bucket] = session = store.LightweightSession(bucket);
        return session;
    }

    public async ValueTask<IDocumentSession> ForWritingAsync(Guid streamId, CancellationToken ct)
    {
        var bucket = UserBuckets.TenantOf(streamId);
        if (!held.ContainsKey(bucket))
        {
            held[bucket] = await gate.EnterAsync(bucket, ct);
            // A read before may have opened the session where the bucket was before a move: write where it is now.
            if (open.Remove(bucket, out var before))
                await before.DisposeAsync();
            var session = For(streamId);
            BucketFence.Guard(session, EventStoreExtensions.Schema); // holds for writers in other processes too (ADR 0045)
            return session;
        }
        return For(streamId);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in open.Values)
            await session.DisposeAsync();
        foreach (var lease in held.Values)
            lease.Dispose();
    }
}
