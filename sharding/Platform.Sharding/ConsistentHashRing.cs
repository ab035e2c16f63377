namespace Platform.Sharding;

/// <summary>
/// Consistent hashing (Karger et al.): each shard stands on the ring at <see cref="VirtualNodes"/> points, the hashes
/// of "shard#i"; a key belongs to the first point at or after its own hash, going round. Adding a shard takes about
/// 1/(n+1) of the keys, each from the shard that owned it; removing one gives away its keys alone. The more virtual
/// nodes, the evener the shares: their coefficient of variation is about √((1 − 1/n) / v).
/// </summary>
public sealed class ConsistentHashRing : IShardMap
{
    public const int DefaultVirtualNodes = 150;
    private const double RingSize = 18446744073709551616d; // 2^64

    private readonly string[] shards;
    private readonly ulong[] points; // sorted
    private readonly string[] owners; // owners[i] stands at points[i]

    public ConsistentHashRing(IEnumerable<string> shards, int virtualNodes = DefaultVirtualNodes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(virtualNodes, 1);
        this.shards = ShardNames.Checked(shards);
        VirtualNodes = virtualNodes;
        var nodes = this.shards
            .SelectMany(shard => Enumerable.Range(0, virtualNodes).Select(i => (Point: StableHash.Of($"{shard}#{i}"), Shard: shard)))
            .OrderBy(node => node.Point).ThenBy(node => node.Shard, StringComparer.Ordinal) // a tie, however unlikely, is broken the same way everywhere
            .ToArray();
        points = [.. nodes.Select(node => node.Point)];
        owners = [.. nodes.Select(node => node.Shard)];
    }

    public int VirtualNodes { get; }

    public string Strategy => $"ring, {VirtualNodes} virtual nodes";

    public IReadOnlyList<string> Shards => shards;

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
        if (points.Length == 1)
        {
            shares[owners[0]] = 1;
            return shares;
        }
        for (var i = 0; i < points.Length; i++)
            shares[owners[i]] += unchecked(points[i] - points[i == 0 ? ^1 : i - 1]) / RingSize; // the first arc wraps round
        return shares;
    }

    public IShardMap WithShard(string shard) => new ConsistentHashRing(ShardNames.Adding(shards, shard), VirtualNodes);

    public IShardMap WithoutShard(string shard) => new ConsistentHashRing(ShardNames.Removing(shards, shard), VirtualNodes);
}
