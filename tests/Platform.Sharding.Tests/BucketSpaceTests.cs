using CsCheck;

namespace Platform.Sharding.Tests;

public sealed class BucketSpaceTests
{
    private static readonly BucketSpace Buckets = new();

    [Fact]
    public void Growing_the_ring_from_three_to_four_servers_moves_only_buckets_to_the_new_server_exactly_its_share()
    {
        var three = Buckets.Ring(["pg-shard-0", "pg-shard-1", "pg-shard-2"]);
        var four = (ConsistentHashRing)three.WithShard("pg-shard-3");

        var moves = Buckets.Moves(three, four);

        Assert.All(moves, move => Assert.Equal("pg-shard-3", move.To));
        Assert.Equal(Buckets.Place(four).Count(shard => shard == "pg-shard-3"), moves.Count);
        // The buckets are the ring's partitions: the new server's share of the ring is its buckets, to the bucket.
        Assert.Equal(four.Shares()["pg-shard-3"] * Buckets.Count, moves.Count, precision: 6);
    }

    [Fact]
    public void Each_shard_s_buckets_are_its_share_of_the_ring_whatever_the_servers()
    {
        Gen.Select(Shards.Names, Gen.Int[1, 500]).Sample((names, virtualNodes) =>
        {
            var ring = Buckets.Ring(names, virtualNodes);
            var places = Buckets.Place(ring);
            foreach (var (shard, share) in ring.Shares())
                Assert.Equal(share * Buckets.Count, places.Count(place => place == shard), precision: 6);
        }, iter: 100);
    }

    [Fact]
    public void Every_user_falls_in_a_bucket_and_buckets_fill_evenly()
    {
        // That a user's bucket never changes between processes and releases is the hash's test vector, below.
        Gen.Guid.Sample(user => Assert.InRange(Buckets.BucketOf(user), 0, Buckets.Count - 1), iter: 1_000);

        // 100 users a bucket on average, from fixed ids: the counts are Poisson(100), whose extremes over 1,024 buckets
        // lie within about ±35.
        var ids = new Random(1024);
        var counts = new int[Buckets.Count];
        var bytes = new byte[16];
        for (var i = 0; i < 100 * Buckets.Count; i++)
        {
            ids.NextBytes(bytes);
            counts[Buckets.BucketOf(new Guid(bytes))]++;
        }
        Assert.InRange(counts.Min(), 60, 100);
        Assert.InRange(counts.Max(), 100, 140);
    }

    [Fact]
    public void The_hash_is_xxhash64_and_does_not_change_between_releases()
    {
        Assert.Equal(0xEF46DB3751D8E999UL, StableHash.Of("")); // XXH64 of the empty input, seed 0 (the reference's test vector)
        // A Guid is hashed in its written (big-endian) byte order, the same on every platform.
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64(Convert.FromHexString("01936f00000070008000000000000001")),
            StableHash.Of(Guid.Parse("01936f00-0000-7000-8000-000000000001")));
    }
}
