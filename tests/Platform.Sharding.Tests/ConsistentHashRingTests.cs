using CsCheck;

namespace Platform.Sharding.Tests;

public sealed class ConsistentHashRingTests
{
    [Fact]
    public void A_key_belongs_to_the_first_virtual_node_at_or_after_it_going_round()
    {
        Gen.Select(Shards.Names, Shards.Points, Gen.Int[1, 200]).Sample((names, keys, virtualNodes) =>
        {
            var ring = new ConsistentHashRing(names, virtualNodes);
            // The reference: every virtual node, scanned in full.
            var nodes = names.SelectMany(name => Enumerable.Range(0, virtualNodes).Select(i => (Point: StableHash.Of($"{name}#{i}"), Shard: name)))
                .OrderBy(node => node.Point).ThenBy(node => node.Shard, StringComparer.Ordinal).ToArray();
            foreach (var key in keys.Concat([0UL, ulong.MaxValue, nodes[0].Point, nodes[^1].Point]))
            {
                var owner = nodes.FirstOrDefault(node => node.Point >= key, nodes[0]).Shard;
                Assert.Equal(owner, ring.ShardOf(key));
            }
        }, iter: 100);
    }

    [Fact]
    public void The_shares_cover_the_ring_and_the_most_loaded_shard_is_within_the_theory_s_bound()
    {
        Shards.Names.Sample(names =>
        {
            var shares = new ConsistentHashRing(names).Shares();
            var n = names.Length;
            Assert.Equal(1d, shares.Values.Sum(), precision: 9);
            // Five standard deviations of √((1 − 1/n) / 150): about +7% is one at n = 3.
            var bound = (1 + 5 * Shards.RingVariation(n, ConsistentHashRing.DefaultVirtualNodes)) / n;
            Assert.True(shares.Values.Max() <= bound, $"the most loaded of {n} shards owns {shares.Values.Max():P2} of the ring, over {bound:P2}");
        }, iter: 200);
    }

    [Theory]
    [InlineData(3, 50)]
    [InlineData(3, 150)]
    [InlineData(3, 500)]
    [InlineData(10, 150)]
    public void The_variation_of_the_shares_over_many_rings_matches_the_theory(int n, int virtualNodes)
    {
        // 400 rings of n servers, each with names of its own: the root mean square of (n × share − 1) over them all.
        var deviations = Enumerable.Range(0, 400)
            .SelectMany(ring => new ConsistentHashRing(Shards.Named(n, $"cluster{ring}"), virtualNodes).Shares().Values)
            .Select(share => n * share - 1)
            .ToList();
        var measured = Math.Sqrt(deviations.Sum(d => d * d) / deviations.Count);
        var theory = Shards.RingVariation(n, virtualNodes);
        Assert.InRange(measured / theory, 0.85, 1.15);
    }

    [Fact]
    public void A_ring_of_partitions_places_each_partition_whole_and_its_shares_count_partitions()
    {
        Gen.Select(Shards.Names, Gen.Int[1, 200], Gen.Int[1, 4096], Shards.Points).Sample((names, virtualNodes, partitions, keys) =>
        {
            var ring = new ConsistentHashRing(names, virtualNodes, partitions);
            // Partition p runs from just after boundary p up to boundary p + 1; the last one's end is 2^64, that is 0.
            var boundaries = Enumerable.Range(0, partitions).Select(p => ConsistentHashRing.PartitionBoundary(p, partitions)).ToArray();
            var ends = Enumerable.Range(0, partitions).Select(p => boundaries[(p + 1) % partitions]).ToArray();
            foreach (var key in keys.Concat(boundaries).Concat(boundaries.Select(boundary => boundary + 1)))
            {
                var after = Array.BinarySearch(boundaries, key);
                var end = after >= 0 ? key : ~after == partitions ? 0 : boundaries[~after];
                Assert.Equal(ring.ShardOf(end), ring.ShardOf(key));
            }
            var shares = ring.Shares();
            foreach (var name in names)
                Assert.Equal(shares[name] * partitions, ends.Count(end => ring.ShardOf(end) == name), precision: 6);
        }, iter: 100);
    }

    [Fact]
    public void A_ring_of_1024_partitions_is_as_even_as_the_plain_ring()
    {
        Shards.Names.Sample(names =>
        {
            var shares = new ConsistentHashRing(names, partitions: BucketSpace.DefaultCount).Shares();
            var n = names.Length;
            Assert.Equal(1d, shares.Values.Sum(), precision: 9);
            // The plain ring's bound, plus what cutting each of the 150 × n arcs to whole partitions can shift a share.
            var bound = (1 + 5 * Shards.RingVariation(n, ConsistentHashRing.DefaultVirtualNodes)) / n + 5 * Math.Sqrt(ConsistentHashRing.DefaultVirtualNodes / 6d) / BucketSpace.DefaultCount;
            Assert.True(shares.Values.Max() <= bound, $"the most loaded of {n} shards owns {shares.Values.Max():P2} of the ring, over {bound:P2}");
        }, iter: 200);
    }

    [Fact]
    public void A_ring_places_keys_the_same_whatever_order_its_shards_are_given_in()
    {
        Gen.Select(Shards.Names, Shards.Keys).Sample((names, keys) =>
        {
            var ring = new ConsistentHashRing(names);
            var shuffled = new ConsistentHashRing(names.Reverse());
            Assert.All(keys, key => Assert.Equal(ring.ShardOf(key), shuffled.ShardOf(key)));
        }, iter: 50);
    }

    [Fact]
    public void A_shard_named_twice_or_none_at_all_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ConsistentHashRing(["pg-0", "pg-0"]));
        Assert.Throws<ArgumentException>(() => new ConsistentHashRing([]));
        Assert.Throws<ArgumentException>(() => new ConsistentHashRing(["pg-0"]).WithShard("pg-0"));
        Assert.Throws<ArgumentException>(() => new ConsistentHashRing(["pg-0"]).WithoutShard("pg-9"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsistentHashRing(["pg-0"], virtualNodes: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsistentHashRing(["pg-0"], partitions: 0));
    }

    [Fact]
    public void One_shard_owns_the_whole_ring()
    {
        var ring = new ConsistentHashRing(["pg-0"], virtualNodes: 1);
        Assert.Equal(1d, ring.Shares()["pg-0"]);
        Assert.Equal("pg-0", ring.ShardOf(0));
        Assert.Equal("pg-0", ring.ShardOf(ulong.MaxValue));
        Assert.Equal(1d, new ConsistentHashRing(["pg-0"], virtualNodes: 3, partitions: 1).Shares()["pg-0"]);
    }
}
