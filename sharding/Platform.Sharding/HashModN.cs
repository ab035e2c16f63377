namespace Platform.Sharding;

/// <summary>
/// Hash-based sharding: a key belongs to shard number hash mod n. Even, and one division to find; but a change of n
/// rehashes nearly everything, so adding a shard moves about n/(n+1) of the keys, most of them between old shards.
/// </summary>
public sealed class HashModN(IEnumerable<string> shards) : IShardMap
{
    private readonly string[] shards = ShardNames.Checked(shards);

    public string Strategy => "hash mod n";

    public IReadOnlyList<string> Shards => shards;

    public string ShardOf(ulong point) => shards[(int)(point % (ulong)shards.Length)];

    public IShardMap WithShard(string shard) => new HashModN(ShardNames.Adding(shards, shard));

    public IShardMap WithoutShard(string shard) => new HashModN(ShardNames.Removing(shards, shard));
}
