namespace Platform.Sharding;

/// <summary>
/// Users hash to a fixed number of buckets, and a map places buckets, never users, on shards: a move is a bucket's,
/// and the directory holds one entry per bucket. Many more buckets than servers (Citus and Vitess run many more
/// shards than nodes) keep the shares even and each move small. A user's bucket and a bucket's place in the hash space
/// come from two different hashes, so the ring sees buckets spread evenly whatever the ids look like.
/// </summary>
public sealed class BucketSpace
{
    public const int DefaultCount = 1024;
    private const long PointSeed = 0x5368617264; // "Shard": a bucket's point is not its users' hash

    public BucketSpace(int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
    }

    public int Count { get; }

    public int BucketOf(Guid userId) => (int)(StableHash.Of(userId) % (ulong)Count);

    /// <summary>Where a bucket stands in the hash space that maps place.</summary>
    public static ulong PointOf(int bucket) => StableHash.Of(bucket, PointSeed);

    /// <summary>Each bucket's shard under <paramref name="map"/>, by bucket number.</summary>
    public string[] Place(IShardMap map) => [.. Enumerable.Range(0, Count).Select(bucket => map.ShardOf(PointOf(bucket)))];

    /// <summary>The buckets whose shard differs between two maps: what a rebalance from one to the other moves.</summary>
    public IReadOnlyList<BucketMove> Moves(IShardMap from, IShardMap to)
    {
        var before = Place(from);
        var after = Place(to);
        return [.. Enumerable.Range(0, Count).Where(bucket => before[bucket] != after[bucket]).Select(bucket => new BucketMove(bucket, before[bucket], after[bucket]))];
    }
}

public sealed record BucketMove(int Bucket, string From, string To);
