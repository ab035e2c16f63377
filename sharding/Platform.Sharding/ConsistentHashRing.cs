namespace Platform.Sharding;

/// <summary>
/// Consistent hashing (Karger et al.): each shard stands on the ring at <see cref="VirtualNodes"/> points, the hashes
/// of "shard#i"; a key belongs to the first point at or after its own hash, going round. Adding a shard takes about
/// 1/(n+1) of the keys, each from the shard that owned it; removing one gives away its keys alone. The more virtual
/// nodes, the evener the shares: their coefficient of variation is about √((1 − 1/n) / v).
/// </summary>
/// <remarks>
/// A ring of <see cref="Partitions"/> (Riak's ring of Q partitions) cuts the hash space into that many equal arcs, each
/// from just after one boundary up to the next, and moves each point up to the end of its arc. As a point owns the keys
/// after the point before it up to itself, a shard then owns whole arcs, and its share of the ring is a count of them.
/// Points keep their order, so what moves on adding or removing a shard is what moves on the plain ring, in whole arcs.
/// </remarks>
public sealed class ConsistentHashRing : IShardMap
{
    public const int DefaultVirtualNodes = 150;
    private const double RingSize = 18446744073709551616d; // 2^64

    private readonly string[] shards;
    private readonly ulong[] points; // sorted
    private readonly string[] owners; // owners[i] stands at points[i]

    public ConsistentHashRing(IEnumerable<string> shards, int virtualNodes = DefaultVirtualNodes, int? partitions = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodes, 1);
        if (partitions is { } count)
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(partitions));
        this.shards = ShardNames.Checked(shards);
        VirtualNodes = virtualNodes;
        Partitions = partitions;
        var nodes = this.shards
            .SelectMany(shard => Enumerable.Range(0, virtualNodes).Select(i => (Hash: StableHash.Of($"{shard}#{i}"), Shard: shard)))
            .Select(node => (Point: partitions is { } q ? PartitionEnd(node.Hash, q) : node.Hash, node.Hash, node.Shard))
            // Points that meet keep their order on the plain ring; a tie even there, however unlikely, is broken the same way everywhere.
            .OrderBy(node => node.Point).ThenBy(node => node.Hash).ThenBy(node => node.Shard, StringComparer.Ordinal)
            .ToArray();
        points = [.. nodes.Select(node => node.Point)];
        owners = [.. nodes.Select(node => node.Shard)];
    }

    public int VirtualNodes { get; }

    /// <summary>The number of equal arcs the ring is cut into, or null for a ring whose points stand where they hash.</summary>
    public int? Partitions { get; }

    public string Strategy => Partitions is { } q ? $"ring, {VirtualNodes} virtual nodes, {q} partitions" : $"ring, {VirtualNodes} virtual nodes";

    public IReadOnlyList<string> Shards => shards;

    /// <summary>The boundary between partitions <paramref name="partition"/> − 1 and <paramref name="partition"/>, of <paramref name="partitions"/> (0 to partitions − 1).</summary>
    public static ulong PartitionBoundary(int partition, int partitions) => (ulong)(((UInt128)(uint)partition << 64) / (uint)partitions);

    /// <summary>The first boundary at or after <paramref name="point"/>: the end of its partition (past the last boundary, 2^64, that is 0).</summary>
    public static ulong PartitionEnd(ulong point, int partitions)
    {
        var below = (int)(((UInt128)point * (uint)partitions) >> 64); // the last boundary at or before the point
        var end = PartitionBoundary(below, partitions) == point ? below : below + 1;
        return end == partitions ? 0 : PartitionBoundary(end, partitions);
    }

    public string ShardOf(ulong point)
    {
        var i = Array.BinarySearch(points, point);
        if (i < 0)
            i = ~i; // the first point above
        else
            while (i > 0 && points[i - 1] == point) // equal points: the first of them, as the sort ordered them
                i--;
        return owners[i == points.Length ? 0 : i];
    }

    /// <summary>The share of the ring each shard owns: the arcs that end at its points (each arc starts after the point before).</summary>
    public IReadOnlyDictionary<string, double> Shares()
    {
        var shares = shards.ToDictionary(shard => shard, _ => 0d, StringComparer.Ordinal);
        if (points.Distinct().Count() == 1)
        {
            shares[owners[0]] = 1;
            return shares;
        }
        for (var i = 0; i < points.Length; i++)
            shares[owners[i]] += unchecked(points[i] - points[i == 0 ? ^1 : i - 1]) / RingSize; // the first arc wraps round
        return shares;
    }

    public IShardMap WithShard(string shard) => new ConsistentHashRing(ShardNames.Adding(shards, shard), VirtualNodes, Partitions);

    public IShardMap WithoutShard(string shard) => new ConsistentHashRing(ShardNames.Removing(shards, shard), VirtualNodes, Partitions);
}
