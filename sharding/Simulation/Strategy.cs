namespace Platform.Sharding.Simulation;

/// <summary>A shard map to simulate, with what the theory expects of it (n is the number of shards before the change).</summary>
internal sealed record Strategy(
    string Name,
    Func<string[], IShardMap> Build,
    Func<int, double> LoadVariation,
    Func<int, double> MovedOnAdd,
    Func<int, double> MovedOnRemove,
    bool RemovesLast)
{
    public static IReadOnlyList<Strategy> All(int keysPerShard)
    {
        // Counting keys adds its own variation: √((n − 1) / K) with K = n × keysPerShard keys, about √(1 / keysPerShard).
        double Sampling(int n) => Math.Sqrt((n - 1d) / (n * (double)keysPerShard));
        Strategy Ring(int virtualNodes) => new(
            $"ring, {virtualNodes} vnodes",
            shards => new ConsistentHashRing(shards, virtualNodes),
            n => Math.Sqrt((1 - 1d / n) / virtualNodes + Sampling(n) * Sampling(n)),
            n => 1d / (n + 1),
            n => 1d / n,
            RemovesLast: false);
        return
        [
            Ring(50), Ring(150), Ring(500),
            new("hash mod n", shards => new HashModN(shards), Sampling, n => n / (n + 1d), n => (n - 1d) / n, RemovesLast: true),
            new("jump hash", shards => new JumpHash(shards), Sampling, n => 1d / (n + 1), n => 1d / n, RemovesLast: true),
            new("range (split, merge)", shards => RangeShards.Even(shards), Sampling, n => 1d / (2 * n), n => 1d / n, RemovesLast: false),
        ];
    }
}
