namespace Platform.Sharding;

/// <summary>
/// Users hash to a fixed number of buckets, and a ring places buckets, never users, on shards: a move is a bucket's,
/// and the directory holds one entry per bucket. Many more buckets than servers (Citus and Vitess run many more
/// shards than nodes) keep the shares even and each move small.
/// </summary>
/// <remarks>
/// The buckets are the ring's partitions (Riak's ring of Q partitions): bucket b is the b-th of <see cref="Count"/>
/// equal arcs, and the ring's points stand at the ends of theirs. A shard's share of the ring is
/// then exactly its buckets over <see cref="Count"/>, where buckets at hashed points would scatter about it by
/// √(share × (1 − share) × Count), some 13 buckets. A user's bucket comes from its own hash, not from the arcs, so
/// the users spread evenly over the buckets whatever their ids look like.
/// </remarks>
public sealed class BucketSpace
{
    public const int DefaultCount = 1024;

    public BucketSpace(int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
    }

    public int Count { get; }

    public int BucketOf(Guid userId) => (int)(StableHash.Of(userId) % (ulong)Count);

    /// <summary>The ring of these buckets: its points stand at the ends of the buckets' arcs.</summary>
    public ConsistentHashRing Ring(IEnumerable<string> shards, int virtualNodes = ConsistentHashRing.DefaultVirtualNodes) =>
        new(shards, virtualNodes, Count);

    /// <summary>Where a bucket stands on the ring: the end of its arc (the last one's is 2^64, that is 0).</summary>
    public ulong PointOf(int bucket) => ConsistentHashRing.PartitionBoundary((bucket + 1) % Count, Count);

    /// <summary>Each bucket's shard on <paramref name="ring"/>, by bucket number.</summary>
    public string[] Place(ConsistentHashRing ring) => [.. Enumerable.Range(0, Count).Select(bucket => ring.ShardOf(PointOf(bucket)))];

    /// <summary>The buckets whose shard differs between two rings: what a rebalance from one to the other moves.</summary>
    public IReadOnlyList<BucketMove> Moves(ConsistentHashRing from, ConsistentHashRing to)
    {
        var before = Place(from);
        var after = Place(to);
        return [.. Enumerable.Range(0, Count).Where(bucket => before[bucket] != after[bucket]).Select(bucket => new BucketMove(bucket, before[bucket], after[bucket]))];
    }
}

public sealed record BucketMove(int Bucket, string From, string To);
