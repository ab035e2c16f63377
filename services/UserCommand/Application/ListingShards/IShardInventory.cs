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

/// <param name="Moves">The buckets being moved between shards, and how far each is.</param>
public sealed record ShardsView(IReadOnlyList<ShardView> Shards, IReadOnlyList<BucketMoveView> Moves);

public sealed record BucketMoveView(int Bucket, string From, string To, string Step);
