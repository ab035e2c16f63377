namespace Platform.Sharding;

/// <summary>
/// Jump consistent hash (Lamping and Veach, 2014), for reference: no table, perfectly even, and a new shard takes
/// 1/(n+1) of the keys; but shards are numbered, so only the last one can leave.
/// </summary>
public sealed class JumpHash(IEnumerable<string> shards) : IShardMap
{
    private readonly string[] shards = ShardNames.Checked(shards);

    public string Strategy => "jump hash";

    public IReadOnlyList<string> Shards => shards;

    public string ShardOf(ulong point) => shards[Jump(point, shards.Length)];

    public IShardMap WithShard(string shard) => new JumpHash(ShardNames.Adding(shards, shard));

    public IShardMap WithoutShard(string shard) =>
        shard == shards[^1]
            ? new JumpHash(ShardNames.Removing(shards, shard))
            : throw new InvalidOperationException($"Jump hash numbers its shards: only the last ({shards[^1]}) can leave, not {shard}.");

    private static int Jump(ulong key, int buckets)
    {
        long bucket = -1, next = 0;
        while (next < buckets)
        {
            bucket = next;
            key = unchecked(key * 2862933555777941757UL + 1);
            next = (long)((bucket + 1) * ((1L << 31) / (double)((key >> 33) + 1)));
        }
        return (int)bucket;
    }
}
