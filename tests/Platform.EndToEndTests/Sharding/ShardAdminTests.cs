using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Platform.Sharding;

namespace Platform.EndToEndTests.Sharding;

/// <summary>GET /api/admin/shards (issue 22): the shard servers, their share of the ring, and exactly the buckets the ring places on them.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ShardAdminTests(PlatformFixture platform)
{
    private static readonly string[] Ring = ["users-shard-1", "users-shard-2", "users-shard-3"];

    [Fact]
    public async Task The_directory_places_every_bucket_where_the_ring_of_150_virtual_nodes_puts_it_and_the_spare_holds_none()
    {
        await new UsersApi(platform.Gateway).RegisterNewAsync("Counted Somewhere");

        var shards = (await new UsersApi(platform.Admin).GetJsonAsync("/api/admin/shards")).GetProperty("shards").EnumerateArray()
            .ToDictionary(shard => shard.GetProperty("id").GetString()!);

        var ring = new BucketSpace().Ring(Ring);
        var expected = new BucketSpace().Place(ring).CountBy(shard => shard).ToDictionary();
        Assert.Equal([.. Ring, "users-shard-4"], shards.Keys.Order());
        foreach (var id in Ring)
        {
            Assert.Equal(("active", expected[id]), (shards[id].GetProperty("state").GetString(), shards[id].GetProperty("buckets").GetInt32()));
            Assert.Equal(ring.Shares()[id], shards[id].GetProperty("ringShare").GetDouble(), 4);
            // The buckets are the ring's partitions: a shard's share of the ring is its buckets, within one per 1,024.
            Assert.InRange(shards[id].GetProperty("buckets").GetInt32() - shards[id].GetProperty("ringShare").GetDouble() * BucketSpace.DefaultCount, -1, 1);
        }
        var spare = shards["users-shard-4"];
        Assert.Equal(("spare", 0, 0.0), (spare.GetProperty("state").GetString(), spare.GetProperty("buckets").GetInt32(), spare.GetProperty("ringShare").GetDouble()));
        Assert.Equal(BucketSpace.DefaultCount, shards.Values.Sum(shard => shard.GetProperty("buckets").GetInt32()));
        Assert.True(shards.Values.Sum(shard => shard.GetProperty("users").GetInt64()) >= 1);
        Assert.All(shards.Values, shard => Assert.True(!shard.TryGetProperty("problem", out var problem) || problem.ValueKind == JsonValueKind.Null, shard.ToString()));
    }
}
