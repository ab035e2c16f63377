namespace Platform.Sharding.Simulation;

/// <summary>What a strategy does to keys over many deployments of n shards: their loads, and what moves.</summary>
internal static class Deployments
{
    public sealed record Figures(double LoadVariation, double MaxOverMean, double MovedOnAdd, double MaxOverMeanAfterAdd, double MovedOnRemove);

    public static Figures Simulate(Strategy strategy, int n, int keysPerShard)
    {
        var deployments = Math.Max(3, 1_000 / n);
        double squares = 0, maxOverMean = 0, movedOnAdd = 0, maxOverMeanAfterAdd = 0, movedOnRemove = 0;
        for (var deployment = 0; deployment < deployments; deployment++)
        {
            var shards = Enumerable.Range(0, n).Select(i => $"d{deployment}-pg-shard-{i}").ToArray();
            var keys = Keys(n * keysPerShard, seed: n * 100_003 + deployment);
            var map = strategy.Build(shards);
            var placed = Array.ConvertAll(keys, map.ShardOf);

            var loads = Loads(placed);
            squares += loads.Sum(load => (load / (double)keysPerShard - 1) * (load / (double)keysPerShard - 1));
            maxOverMean += loads.Max() / (double)keysPerShard;

            var added = Array.ConvertAll(keys, map.WithShard($"d{deployment}-pg-shard-{n}").ShardOf);
            movedOnAdd += Moved(placed, added);
            maxOverMeanAfterAdd += Loads(added).Max() / (keys.Length / (n + 1d));
            movedOnRemove += Moved(placed, Array.ConvertAll(keys, map.WithoutShard(strategy.RemovesLast ? shards[^1] : shards[0]).ShardOf));
        }
        return new Figures(Math.Sqrt(squares / (deployments * n)), maxOverMean / deployments, movedOnAdd / deployments,
            maxOverMeanAfterAdd / deployments, movedOnRemove / deployments);
    }

    /// <summary>Keys per shard (a shard given none counts for nothing, which only lowers the mean's neighbours).</summary>
    private static int[] Loads(string[] placed) => [.. placed.GroupBy(shard => shard).Select(group => group.Count())];

    private static double Moved(string[] before, string[] after)
    {
        var moved = 0;
        for (var i = 0; i < before.Length; i++)
            if (after[i] != before[i])
                moved++;
        return moved / (double)before.Length;
    }

    /// <summary>Keys spread evenly over the whole 64-bit space, from a seeded generator.</summary>
    private static ulong[] Keys(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new ulong[count];
        var bytes = new byte[8];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            keys[i] = BitConverter.ToUInt64(bytes);
        }
        return keys;
    }
}
