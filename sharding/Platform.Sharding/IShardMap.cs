namespace Platform.Sharding;

/// <summary>
/// Which shard owns a point of the 64-bit hash space. A map is immutable: adding or removing a shard gives a new map,
/// so the map before and the map after can be compared, key by key, to find what moves.
/// </summary>
public interface IShardMap
{
    /// <summary>The strategy's name, as the simulation prints it.</summary>
    string Strategy { get; }

    IReadOnlyList<string> Shards { get; }

    string ShardOf(ulong point);

    IShardMap WithShard(string shard);

    IShardMap WithoutShard(string shard);
}
