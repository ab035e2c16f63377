using CsCheck;

namespace Platform.Sharding.Tests;

/// <summary>Generated shard sets and keys: any names a deployment might give its servers, any keys.</summary>
internal static class Shards
{
    /// <summary>n shard names (3 to 12), distinct, with a generated prefix so every sample places its points anew.</summary>
    public static readonly Gen<string[]> Names =
        Gen.Select(Gen.Int[3, 12], Gen.Int[0, int.MaxValue], (n, prefix) => Named(n, $"pg{prefix}"));

    /// <summary>Keys as a shard map sees them: the stable hashes of ids, spread evenly over the hash space.</summary>
    public static readonly Gen<ulong[]> Keys = Gen.Guid.Select(StableHash.Of).Array[2_000];

    /// <summary>Any points at all, the ends of the space and its small numbers included (CsCheck favours them).</summary>
    public static readonly Gen<ulong[]> Points = Gen.ULong.Array[200];

    public static string[] Named(int n, string prefix) => [.. Enumerable.Range(0, n).Select(i => $"{prefix}-{i}")];

    /// <summary>The theory's coefficient of variation of the ring's shares: √((1 − 1/n) / v).</summary>
    public static double RingVariation(int shards, int virtualNodes) => Math.Sqrt((1 - 1d / shards) / virtualNodes);
}
