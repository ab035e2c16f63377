using Marten.Storage;

namespace Platform.EventStore;

public static class HighWaterMark
{
    /// <summary>
    /// The async daemon's high-water mark in one database: every sequence up to it is committed (or known to be a
    /// gap), so a reader that pages by sequence up to it never passes an event that commits later.
    /// </summary>
    public static async Task<long> HighWaterMarkAsync(this IMartenDatabase database, CancellationToken ct)
    {
        var progress = await database.AllProjectionProgress(ct);
        return progress.FirstOrDefault(shard => shard.ShardName == "HighWaterMark")?.Sequence ?? 0;
    }
}
