using Marten;
using Platform.EndToEndTests.Infrastructure;
using Platform.EventStore.Sharding;

namespace Platform.EndToEndTests.Sharding;

/// <summary>
/// A move's write freeze holds for every process that writes the sharded store, not only the mover's (ADR 0045): the
/// source shard itself holds the writes back, and refuses them once the bucket is fenced. Three stores stand for
/// three processes: the mover, a writer that rereads the directory when refused, and one that never does.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class BucketFenceTests(PlatformFixture platform)
{
    private const string Bucket = "bucket-0011";
    private static readonly TimeSpan DrainWithin = TimeSpan.FromMilliseconds(500);
    private static readonly string LastDrawn = $"SELECT last_value FROM {ShardedStores.Schema}.mt_events_sequence";

    [Fact]
    public async Task A_freeze_waits_for_writes_in_flight_holds_back_other_processes_writes_and_the_fence_refuses_them_until_they_reread_the_directory()
    {
        await using var databases = await ShardedStores.CreateAsync(platform);
        using var mover = databases.Store();
        await mover.Storage.ApplyAllConfiguredChangesToDatabaseAsync(); // the fences and the guard, on both shards
        await mover.Advanced.AddTenantToShardAsync(Bucket, "shard-0", default);
        using var writer = databases.Store(registerShards: false);
        using var stale = databases.Store(registerShards: false);
        await writer.Storage.AllDatabases();
        await stale.Storage.AllDatabases();
        var stream = Guid.NewGuid();
        await GuardedAppendAsync(writer, stream, from: 1);
        var drawn = await databases.Shard0.ScalarAsync(LastDrawn);

        // A write in flight (its transaction has passed the guard) keeps the freeze waiting; once it commits, the freeze holds.
        var (source, target) = (databases.Shard0.Source, databases.Shard1.Source);
        await using (var inFlight = await source.OpenConnectionAsync())
        await using (var transaction = await inFlight.BeginTransactionAsync())
        {
            await using (var guard = new Npgsql.NpgsqlCommand($"SELECT {ShardedStores.Schema}.bucket_write_guard('{Bucket}')", inFlight, transaction))
                await guard.ExecuteNonQueryAsync();
            Assert.Null(await BucketFence.FreezeAsync(source, ShardedStores.Schema, Bucket, DrainWithin, default));
            await transaction.CommitAsync();
        }
        var copy = new BucketCopy(ShardedStores.Schema);
        await using (var freeze = await BucketFence.FreezeAsync(source, ShardedStores.Schema, Bucket, DrainWithin, default))
        {
            Assert.NotNull(freeze);

            // Another process's write waits behind the freeze: longer than a write waits, and it is refused, having written nothing.
            var tooLong = await Assert.ThrowsAnyAsync<Exception>(() => GuardedAppendAsync(stale, Guid.NewGuid(), from: 1));
            Assert.True(BucketFence.IsFrozen(tooLong), tooLong.ToString());
            var held = GuardedAppendAsync(writer, stream, from: 2);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(held.IsCompleted, "a write went through a frozen bucket");

            // The move: the last copy, the fence on the source, the flip; then the freeze ends.
            await copy.CopyAsync(source, target, Bucket, default);
            await BucketFence.UnfenceAsync(target, ShardedStores.Schema, Bucket, default);
            await freeze!.FenceAsync(default);
            await mover.Advanced.AddTenantToShardAsync(Bucket, "shard-1", default);
            await freeze.DisposeAsync();

            // The held write is refused, having written nothing, and so is a later one from the process that has not reread the directory.
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => held);
            Assert.True(BucketFence.IsMoved(refused), refused.ToString());
            Assert.True(BucketFence.IsMoved(await Assert.ThrowsAnyAsync<Exception>(() => GuardedAppendAsync(stale, stream, from: 2))));
        }
        Assert.Equal(1L, await databases.Shard0.ScalarAsync($"SELECT max(version) FROM {ShardedStores.Schema}.mt_events WHERE stream_id = '{stream}'"));
        // Refused, the writes did no work on the source: the guard ran before their appends, so they drew no sequence
        // number, and Marten had no tombstone to write in the bucket there, where the next move of the bucket finds it.
        Assert.Equal(drawn, await databases.Shard0.ScalarAsync(LastDrawn));
        await Task.Delay(TimeSpan.FromSeconds(1)); // Marten writes a failed save's tombstones off its path
        Assert.Equal(1L, await databases.Shard0.ScalarAsync($"SELECT count(*) FROM {ShardedStores.Schema}.mt_events WHERE tenant_id = '{Bucket}'"));

        // Having reread the directory, the writer writes on the target, after the copied events.
        await writer.Storage.AllDatabases();
        await GuardedAppendAsync(writer, stream, from: 2);
        Assert.Equal([1L, 2L], (await ShardedStores.ReadAsync(mover, Bucket, stream)).Select(e => e.Version));

        // Moved back, the bucket is unfenced on its old shard before the flip, and written there again.
        await copy.DeleteAsync(source, Bucket, default);
        await copy.CopyAsync(target, source, Bucket, default);
        await BucketFence.UnfenceAsync(source, ShardedStores.Schema, Bucket, default);
        await mover.Advanced.AddTenantToShardAsync(Bucket, "shard-0", default);
        await GuardedAppendAsync(mover, stream, from: 3);
        Assert.Equal([1L, 2L, 3L], (await ShardedStores.ReadAsync(mover, Bucket, stream)).Select(e => e.Version));
    }

    /// <summary>A write as user-command's unit of work makes it: through the bucket's guard, in the save's transaction.</summary>
    private static async Task GuardedAppendAsync(IDocumentStore store, Guid stream, int from)
    {
        await using var session = store.LightweightSession(Bucket);
        BucketFence.Guard(session, ShardedStores.Schema);
        session.Events.Append(stream, new ShardedStores.Noted(from));
        await session.SaveChangesAsync();
    }
}
