using Platform.EndToEndTests.Infrastructure;
using Platform.EventStore.Sharding;

namespace Platform.EndToEndTests.Sharding;

/// <summary>
/// A bucket's move copies its streams to the target shard as they are (ids, versions, timestamps, data), catches up
/// with what was written meanwhile, and is verified stream by stream before the flip; after the flip, Marten reads the
/// same streams from the target and appends where they left off; the source's copy is deleted last (issue 22, point 6).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BucketCopyTests(PlatformFixture platform)
{
    private const string Bucket = "bucket-0007";
    private readonly BucketCopy copy = new(ShardedStores.Schema);

    [Fact]
    public async Task A_copy_catches_up_verifies_equal_and_after_the_flip_the_streams_go_on_from_the_target()
    {
        await using var databases = await ShardedStores.CreateAsync(platform);
        using var store = databases.Store();
        await store.Advanced.AddTenantToShardAsync(Bucket, "shard-0", default);
        await store.Advanced.AddTenantToShardAsync("bucket-0008", "shard-0", default);
        var streams = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        for (var i = 0; i < streams.Length; i++)
            await ShardedStores.AppendAsync(store, Bucket, streams[i], events: i + 1);
        await ShardedStores.AppendAsync(store, "bucket-0008", Guid.NewGuid(), events: 2); // another bucket on the same shard stays
        await AFailedSaveLeavesATombstoneAsync(store, databases.Shard0);
        var (source, target) = (databases.Shard0.Source, databases.Shard1.Source);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(); // a move first gives the target Marten's tables

        // The first pass copies everything, the second only what was written since, the third nothing.
        Assert.Equal(new BucketCopy.Pass(3, 6), await copy.CopyAsync(source, target, Bucket, default));
        await ShardedStores.AppendAsync(store, Bucket, streams[0], events: 2, from: 2);
        var late = Guid.NewGuid();
        await ShardedStores.AppendAsync(store, Bucket, late, events: 1);
        Assert.Equal(new BucketCopy.Pass(2, 3), await copy.CopyAsync(source, target, Bucket, default));
        Assert.Equal(new BucketCopy.Pass(0, 0), await copy.CopyAsync(source, target, Bucket, default));

        // Verified stream by stream: count, version and a hash of ids, versions, types, timestamps and data.
        var digests = await copy.DigestAsync(source, Bucket, default);
        Assert.Equal(4, digests.Count);
        Assert.Equal(digests, await copy.DigestAsync(target, Bucket, default));
        Assert.Equal(0L, await databases.Shard1.ScalarAsync("SELECT count(*) FROM users.mt_events WHERE tenant_id = 'bucket-0008'"));

        // The flip: Marten reads the bucket from the target, the same events, each marked as a copy, and appends after them.
        var before = await ShardedStores.ReadAsync(store, Bucket, streams[0]);
        await store.Advanced.AddTenantToShardAsync(Bucket, "shard-1", default);
        var after = await ShardedStores.ReadAsync(store, Bucket, streams[0]);
        Assert.Equal(before.Select(e => (e.Id, e.Version, e.Timestamp, ((ShardedStores.Noted)e.Data).Number)),
            after.Select(e => (e.Id, e.Version, e.Timestamp, ((ShardedStores.Noted)e.Data).Number)));
        Assert.All(after, e => Assert.True(CopiedEvent.IsCopy(e)));
        await ShardedStores.AppendAsync(store, Bucket, streams[0], events: 1, from: 4);
        var appended = (await ShardedStores.ReadAsync(store, Bucket, streams[0]))[^1];
        Assert.Equal(4, appended.Version);
        Assert.False(CopiedEvent.IsCopy(appended));
        // The source keeps its copy, untouched, until the move deletes it after a grace period; then only the other bucket stays.
        Assert.Equal(3L, await databases.Shard0.ScalarAsync($"SELECT max(version) FROM users.mt_events WHERE stream_id = '{streams[0]}'"));
        Assert.Equal(9L + 4 + 2, await copy.DeleteAsync(source, Bucket, default)); // 9 events and 4 streams, the tombstone and its stream
        Assert.Empty(await copy.DigestAsync(source, Bucket, default));
        Assert.Equal(2L, await databases.Shard0.ScalarAsync("SELECT count(*) FROM users.mt_events WHERE tenant_id = 'bucket-0008'"));
        Assert.Equal(4, (await ShardedStores.ReadAsync(store, Bucket, streams[0])).Count);
    }

    /// <summary>
    /// A save that fails after its append drew a sequence number: Marten then writes a tombstone in the number's place,
    /// in the bucket, on a stream of its own. The copy leaves it out (else each pass copied it again, and the digests
    /// never matched); the old copy's deletion takes it.
    /// </summary>
    private static async Task AFailedSaveLeavesATombstoneAsync(Marten.IDocumentStore store, ScratchDatabase shard)
    {
        await using (var session = store.LightweightSession(Bucket))
        {
            session.Events.Append(Guid.NewGuid(), new ShardedStores.Noted(1));
            session.QueueSqlCommand("SELECT 1 / 0"); // after the append, as Marten orders a save
            await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        }
        var tombstones = $"SELECT count(*) FROM {ShardedStores.Schema}.mt_events WHERE tenant_id = '{Bucket}' AND stream_id = '{JasperFx.Events.Tombstone.StreamId}'";
        await Eventually.HoldsAsync(async () => await shard.ScalarAsync(tombstones) == 1L, TimeSpan.FromSeconds(10), "Marten's tombstone of the failed save");
    }
}
