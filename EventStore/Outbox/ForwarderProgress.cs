using Marten.Storage;

namespace Platform.EventStore.Outbox;

public static class ForwarderProgress
{
    /// <summary>The last sequence the outbox forwarder has published in one database (0: it has not started there).</summary>
    public static async Task<long> ForwardedThroughAsync(this IMartenDatabase database, CancellationToken ct) =>
        (await database.AllProjectionProgress(ct))
            .Where(shard => shard.ShardName.StartsWith(EventStoreOutbox<IOutboxMessages>.SubscriptionName, StringComparison.Ordinal))
            .Select(shard => shard.Sequence)
            .DefaultIfEmpty(0)
            .Max();
}
