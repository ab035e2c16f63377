using JasperFx.MultiTenancy;
using Marten;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Sharding;

/// <summary>
/// What the sharded users' event store stands on, checked against Marten itself (issue 22, ADR 0040): buckets as
/// tenants of <c>MultiTenantedWithShardedDatabases</c> with explicit assignment, a directory database and two shard
/// databases, here on the platform's one PostgreSQL server. Marten sees only connection strings, so databases on one
/// server take the same code path as separate servers. A Marten upgrade that changes one of these facts fails here.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MartenShardedTenancyTests(PlatformFixture platform)
{
    [Fact]
    public async Task Buckets_live_in_the_shard_they_are_assigned_to_and_a_reassignment_reaches_another_process_when_it_rereads_the_directory()
    {
        await using var databases = await ShardedStores.CreateAsync(platform);
        using var mover = databases.Store();
        await mover.Advanced.AddTenantToShardAsync("bucket-0001", "shard-0", default);
        await mover.Advanced.AddTenantToShardAsync("bucket-0002", "shard-1", default);

        // A bucket's events are in its own shard, and each shard numbers its events itself: a reader of every shard
        // keeps a cursor per shard.
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await ShardedStores.AppendAsync(mover, "bucket-0001", first, events: 1);
        await ShardedStores.AppendAsync(mover, "bucket-0002", second, events: 2);
        Assert.Equal((1L, 1L), (await databases.Shard0.ScalarAsync("SELECT count(*) FROM users.mt_events"), await databases.Shard0.ScalarAsync("SELECT min(seq_id) FROM users.mt_events")));
        Assert.Equal((2L, 1L), (await databases.Shard1.ScalarAsync("SELECT count(*) FROM users.mt_events"), await databases.Shard1.ScalarAsync("SELECT min(seq_id) FROM users.mt_events")));
        Assert.Empty(await ShardedStores.ReadAsync(mover, "bucket-0002", first)); // a bucket sees its own streams only

        // Explicit assignment never places a bucket by itself.
        await Assert.ThrowsAsync<UnknownTenantIdException>(() => ShardedStores.AppendAsync(mover, "bucket-0003", Guid.NewGuid(), events: 1));

        // Another process, told only where the directory is, finds the shards and the assignments there.
        using var other = databases.Store(registerShards: false);
        await other.Storage.AllDatabases(); // reads the pool and every assignment
        Assert.Single(await ShardedStores.ReadAsync(other, "bucket-0001", first));

        // A reassignment (a move's flip) takes effect at once in the process that makes it; another process keeps
        // the place it cached until it reads the directory again.
        await mover.Advanced.AddTenantToShardAsync("bucket-0001", "shard-1", default);
        Assert.Equal(databases.Shard1.Name, await DatabaseOfAsync(mover, "bucket-0001"));
        Assert.Equal(databases.Shard0.Name, await DatabaseOfAsync(other, "bucket-0001"));
        await other.Storage.AllDatabases();
        Assert.Equal(databases.Shard1.Name, await DatabaseOfAsync(other, "bucket-0001"));
        Assert.Empty(await ShardedStores.ReadAsync(other, "bucket-0001", first)); // the flip moves no data: copying is the move's own work
    }

    /// <summary>The database a session for the bucket opens on.</summary>
    private static async Task<string> DatabaseOfAsync(IDocumentStore store, string bucket)
    {
        await using var session = store.LightweightSession(bucket);
        return (await session.AdvancedSql.QueryAsync<string>("SELECT current_database()", CancellationToken.None)).Single();
    }
}
