namespace Platform.Sharding;

/// <summary>
/// Range-based sharding: the hash space cut into contiguous ranges, each owned by one shard; a key belongs to the
/// range its hash falls in. It starts with n equal ranges. A new shard takes the upper half of the widest range (a
/// split: it moves 1/(2n) of the keys, and leaves two half-loaded shards); a shard that leaves hands each of its
/// ranges to the shard of the range before it (a merge, which doubles that neighbour's load).
/// </summary>
public sealed class RangeShards : IShardMap
{
    private static readonly UInt128 SpaceSize = (UInt128)1 << 64;

    private readonly string[] shards;
    private readonly ulong[] starts; // sorted, starts[0] = 0; range i is [starts[i], starts[i + 1])
    private readonly string[] owners;

    private RangeShards(string[] shards, ulong[] starts, string[] owners) => (this.shards, this.starts, this.owners) = (shards, starts, owners);

    /// <summary>n equal ranges, in the shards' order.</summary>
    public static RangeShards Even(IEnumerable<string> shards)
    {
        var names = ShardNames.Checked(shards);
        var starts = Enumerable.Range(0, names.Length).Select(i => (ulong)(SpaceSize * (uint)i / (uint)names.Length)).ToArray();
        return new RangeShards(names, starts, names);
    }

    public string Strategy => "range";

    public IReadOnlyList<string> Shards => shards;

    public string ShardOf(ulong point)
    {
        var i = Array.BinarySearch(starts, point);
        return owners[i >= 0 ? i : ~i - 1]; // the last range that starts at or before the point
    }

    public IShardMap WithShard(string shard)
    {
        var names = ShardNames.Adding(shards, shard);
        var widest = Enumerable.Range(0, starts.Length).MaxBy(Width);
        var middle = (ulong)(starts[widest] + Width(widest) / 2);
        return new RangeShards(names, [.. starts[..(widest + 1)], middle, .. starts[(widest + 1)..]], [.. owners[..(widest + 1)], shard, .. owners[(widest + 1)..]]);
    }

    public IShardMap WithoutShard(string shard)
    {
        var names = ShardNames.Removing(shards, shard);
        var heirs = owners.ToArray();
        for (var i = 0; i < heirs.Length; i++)
            if (heirs[i] == shard)
                heirs[i] = i > 0 ? heirs[i - 1] : owners.First(owner => owner != shard); // the first range goes to the next owner
        // Neighbouring ranges of one owner become one range.
        var kept = Enumerable.Range(0, heirs.Length).Where(i => i == 0 || heirs[i] != heirs[i - 1]).ToArray();
        return new RangeShards(names, [.. kept.Select(i => starts[i])], [.. kept.Select(i => heirs[i])]);
    }

    private UInt128 Width(int range) => (range + 1 < starts.Length ? starts[range + 1] : SpaceSize) - starts[range];
}
