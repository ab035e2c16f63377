namespace Platform.UserCommand.Application.ListingShards;

/// <summary>Port to what <c>GET /api/admin/shards</c> shows: the shard servers of the users' event store.</summary>
public interface IShardInventory
{
    Task<ShardsView> DescribeAsync(CancellationToken ct);
}

public static class ShardStates
{
    public const string Active = "active";
    public const string Spare = "spare";
    public const string Draining = "draining";
}

/// <param name="Server">Where the shard's database is: host:port/database.</param>
/// <param name="RingShare">The share of the ring's points the shard owns (a spare: none).</param>
/// <param name="Buckets">The buckets the directory places on the shard.</param>
/// <param name="Users">The user streams it holds; null when it cannot be reached (see <paramref name="Problem"/>).</param>
/// <param name="State">active (on the ring), spare (a rebalance can add it) or draining (being emptied).</param>
public sealed record ShardView(string Id, string Server, double RingShare, int Buckets, long? Users, long? Events, string State, string? Problem);

/// <param name="Moves">The buckets the running rebalance has still to move or to delete from their old shard, and how far each is.</param>
/// <param name="Rebalance">The latest rebalance, running or done; null before the first.</param>
public sealed record ShardsView(IReadOnlyList<ShardView> Shards, IReadOnlyList<BucketMoveView> Moves, RebalanceView? Rebalance);

/// <param name="Step">pending, flipped (served from the new shard; the old copy waits out its grace period) or done.</param>
public sealed record BucketMoveView(int Bucket, string From, string To, string Step);

/// <param name="Kind">add or drain.</param>
/// <param name="Moved">Buckets served from their new shard.</param>
/// <param name="Done">Buckets moved and deleted from their old shard.</param>
/// <param name="Failure">Why the rebalance stopped, if it did: it goes on from where it stopped on the next start.</param>
public sealed record RebalanceView(
    string Kind, string Shard, IReadOnlyList<string> Ring, int Planned, int Moved, int Done,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Failure, RebalanceTimings Timings);

/// <param name="LongestFreezeMs">The longest a bucket's writes were held back (final copy, verification, flip).</param>
public sealed record RebalanceTimings(double LongestFreezeMs, double MedianFreezeMs, int FreezeRetries);
