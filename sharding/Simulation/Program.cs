using System.Diagnostics;
using Platform.Sharding.Simulation;

// Every shard map, from 3 to 1,000 shards: how evenly it spreads keys, and what share of them moves when a shard is
// added or removed, each beside the theory. The theory speaks of the average deployment, so each row averages over
// many of them (about 1,000 / n, each with shard names of its own). The keys are fixed (seeded generators), so the
// figures are the same on every run and every machine.
const int keysPerShard = 1_000;
int[] shardCounts = args.Length > 0 ? [.. args[0].Split(',').Select(int.Parse)] : [3, 10, 100, 1_000];

var clock = Stopwatch.StartNew();
Console.WriteLine($"Shard maps: {keysPerShard:N0} keys a shard, averaged over about 1,000 / n deployments of n shards each.");
Console.WriteLine("load CV: the coefficient of variation of the keys per shard (counting keys alone gives about 3.2%);");
Console.WriteLine("max / mean: the most loaded shard against the mean (then: after the add); moved: the share of all keys whose shard changes.");
Console.WriteLine();
Console.WriteLine("| shards | strategy | load CV | theory | max / mean | moved on add | theory | then max / mean | moved on remove | theory |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var n in shardCounts)
    foreach (var strategy in Strategy.All(keysPerShard))
    {
        var figures = Deployments.Simulate(strategy, n, keysPerShard);
        Console.WriteLine($"| {n:N0} | {strategy.Name} | {figures.LoadVariation:P1} | {strategy.LoadVariation(n):P1} | {figures.MaxOverMean:F2} " +
                          $"| {figures.MovedOnAdd:P2} | {strategy.MovedOnAdd(n):P2} | {figures.MaxOverMeanAfterAdd:F2} | {figures.MovedOnRemove:P2} | {strategy.MovedOnRemove(n):P2} |");
    }
Console.WriteLine();
Console.WriteLine($"Simulated in {clock.Elapsed.TotalSeconds:F1} s. Theory: a ring's shares vary by √((1 − 1/n) / v) with v virtual nodes;");
Console.WriteLine("a new shard takes 1/(n+1) of the keys on a ring or with jump hash, n/(n+1) move with hash mod n, and a split");
Console.WriteLine("range hands over half of one shard's; removing a shard moves its own 1/n, except hash mod n, which moves (n−1)/n.");
