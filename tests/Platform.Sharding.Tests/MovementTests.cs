using CsCheck;

namespace Platform.Sharding.Tests;

/// <summary>What moves when a shard is added or removed, strategy by strategy, against the theory.</summary>
public sealed class MovementTests
{
    [Fact]
    public void Adding_a_shard_to_the_ring_moves_about_one_in_n_plus_one_keys_each_to_the_new_shard() =>
        // The newcomer's share varies like any shard's: within five of its standard deviations, plus the keys' sampling.
        AddingMoves(names => new ConsistentHashRing(names), n => 1d / (n + 1), n => 5 * Shards.RingVariation(n + 1, ConsistentHashRing.DefaultVirtualNodes) / (n + 1) + 0.02, onlyToTheNewShard: true);

    [Fact]
    public void Adding_a_shard_to_a_ring_of_1024_partitions_moves_about_one_in_n_plus_one_keys_each_to_the_new_shard() =>
        AddingMoves(names => new ConsistentHashRing(names, partitions: BucketSpace.DefaultCount), n => 1d / (n + 1),
            n => 5 * Shards.RingVariation(n + 1, ConsistentHashRing.DefaultVirtualNodes) / (n + 1) + 0.02, onlyToTheNewShard: true);

    [Fact]
    public void Adding_a_shard_with_jump_hash_moves_about_one_in_n_plus_one_keys_each_to_the_new_shard() =>
        AddingMoves(names => new JumpHash(names), n => 1d / (n + 1), _ => 0.04, onlyToTheNewShard: true);

    [Fact]
    public void Splitting_a_range_moves_half_of_one_shard_s_keys_to_the_new_shard() =>
        AddingMoves(RangeShards.Even, n => 1d / (2 * n), _ => 0.04, onlyToTheNewShard: true);

    [Fact]
    public void Adding_a_shard_with_hash_mod_n_moves_about_n_in_n_plus_one_keys_most_of_them_between_old_shards() =>
        AddingMoves(names => new HashModN(names), n => n / (n + 1d), _ => 0.04, onlyToTheNewShard: false);

    [Fact]
    public void Removing_a_shard_moves_only_its_own_keys_on_the_ring_and_in_ranges_and_the_last_one_s_with_jump_hash()
    {
        Gen.Select(Shards.Names, Shards.Keys, Gen.Int[0, 100]).Sample((names, keys, pick) =>
        {
            var leaving = names[pick % names.Length];
            OnlyItsKeysMove(new ConsistentHashRing(names), leaving, keys);
            OnlyItsKeysMove(new ConsistentHashRing(names, partitions: BucketSpace.DefaultCount), leaving, keys);
            OnlyItsKeysMove(RangeShards.Even(names), leaving, keys);
            OnlyItsKeysMove(new JumpHash(names), names[^1], keys);
        }, iter: 100);
    }

    [Fact]
    public void Removing_a_shard_with_hash_mod_n_moves_keys_between_the_shards_that_stay()
    {
        Gen.Select(Shards.Names, Shards.Keys).Sample((names, keys) =>
        {
            var before = new HashModN(names);
            var after = before.WithoutShard(names[^1]);
            Assert.Contains(keys, key => before.ShardOf(key) != names[^1] && before.ShardOf(key) != after.ShardOf(key));
        }, iter: 50);
    }

    [Fact]
    public void Jump_hash_lets_only_its_last_shard_leave()
    {
        var map = new JumpHash(["pg-0", "pg-1", "pg-2"]);
        Assert.Throws<InvalidOperationException>(() => map.WithoutShard("pg-0"));
        Assert.Equal(["pg-0", "pg-1"], map.WithoutShard("pg-2").Shards);
    }

    /// <summary>
    /// Adds "newcomer" to maps of generated shards and checks the share of keys that move against the theory, and
    /// whether every moved key went to the newcomer (or, for hash mod n, some moved between the shards that stay).
    /// </summary>
    private static void AddingMoves(Func<string[], IShardMap> build, Func<int, double> expected, Func<int, double> tolerance, bool onlyToTheNewShard)
    {
        Gen.Select(Shards.Names, Shards.Keys).Sample((names, keys) =>
        {
            var before = build(names);
            var after = before.WithShard("newcomer");
            var n = names.Length;
            var moved = keys.Where(key => before.ShardOf(key) != after.ShardOf(key)).ToList();
            if (onlyToTheNewShard)
                Assert.All(moved, key => Assert.Equal("newcomer", after.ShardOf(key)));
            else
                Assert.Contains(moved, key => after.ShardOf(key) != "newcomer");
            Assert.InRange(moved.Count / (double)keys.Length, expected(n) - tolerance(n), expected(n) + tolerance(n));
        }, iter: 100);
    }

    private static void OnlyItsKeysMove(IShardMap before, string leaving, ulong[] keys)
    {
        var after = before.WithoutShard(leaving);
        Assert.DoesNotContain(leaving, after.Shards);
        foreach (var key in keys)
            if (before.ShardOf(key) != leaving)
                Assert.Equal(before.ShardOf(key), after.ShardOf(key));
            else
                Assert.NotEqual(leaving, after.ShardOf(key));
    }
}
