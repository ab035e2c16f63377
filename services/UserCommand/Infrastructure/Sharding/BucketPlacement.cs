using Marten;
using Npgsql;
using Platform.UserCommand.Infrastructure.Sharding.Moving;
using Platform.UserCommand.Infrastructure.UserDirectory;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// Before user-command serves, and before its outbox forwarders start: brings every shard's schema up to date, reads
/// the ring from the directory (<see cref="ShardRing"/>), places every bucket the directory has no place for yet where the ring puts it (on a first start, all 1,024), moves users
/// kept from before sharding into their buckets (<see cref="LegacyStoreMigration"/>), and reads the directory, since
/// a process that has not read it does not find the buckets placed before it started (ADR 0040). Placing is
/// idempotent: the same ring gives the same places.
/// </summary>
public sealed class BucketPlacement(
    IDocumentStore store, NpgsqlDataSource directory, IUserDirectory directoryStore, ShardRing ring, LegacyStoreMigration legacy, ILogger<BucketPlacement> logger)
    : IHostedService
{
    /// <summary>The schema of Marten's directory tables (the pool and the assignments) in user-command's own database.</summary>
    public const string DirectorySchema = "user_shards";

    private const int PlacingInParallel = 8;

    /// <summary>A first start places all 1,024 buckets, for half a minute: the log says how far it has got.</summary>
    private const int ProgressEvery = 128;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.Storage.AllDatabases(); // registers the configured shards in the pool, and reads the assignments
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(); // a new shard's tables, before anything is copied to it
        await ring.LoadAsync(cancellationToken);
        var placed = await PlacedAsync(directory, cancellationToken);
        var places = UserBuckets.Space.Place(ring.Map());
        var missing = Enumerable.Range(0, places.Length).Where(bucket => !placed.ContainsKey(UserBuckets.TenantOf(bucket))).ToList();
        if (missing.Count > 0)
        {
            var started = TimeProvider.System.GetTimestamp();
            // Marten serializes the directory's rows itself and creates each bucket's partitions on its shard after
            // them: several at once keep the shard servers busy together (one after another took 23 s for 1,024).
            var done = 0;
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = PlacingInParallel, CancellationToken = cancellationToken },
                async (bucket, ct) =>
                {
                    await store.Advanced.AddTenantToShardAsync(UserBuckets.TenantOf(bucket), places[bucket], ct);
                    if (Interlocked.Increment(ref done) is var count && count % ProgressEvery == 0 && count < missing.Count)
                        logger.LogInformation("Placing buckets: {Done} of {Count}, {Seconds:0.0} s", count, missing.Count, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
                });
            logger.LogInformation("Placed {Buckets} buckets on the ring of {Shards} ({Ring}) in {Seconds:0.0} s",
                missing.Count, ring.Members.Count, string.Join(", ", ring.Members), TimeProvider.System.GetElapsedTime(started).TotalSeconds);
            placed = await PlacedAsync(directory, cancellationToken);
        }
        RebalanceDocument? rebalance;
        await using (var session = directoryStore.QuerySession())
            rebalance = await session.LoadAsync<RebalanceDocument>(RebalanceDocument.Latest, cancellationToken);
        if (rebalance is not { Running: true } && Enumerable.Range(0, places.Length).Count(bucket => placed[UserBuckets.TenantOf(bucket)] != places[bucket]) is > 0 and var away)
            // Placed by a release whose buckets stood at hashed points of the ring (ADR 0044), or with another number of
            // virtual nodes: served where they are, and the next rebalance moves them too, as it moves every bucket to its place.
            logger.LogWarning("The directory places {Buckets} of {Count} buckets away from where the ring of {Shards} puts them; the next rebalance moves them to their places",
                away, places.Length, string.Join(", ", ring.Members));
        await legacy.MigrateAsync(placed, cancellationToken);
        await store.Storage.AllDatabases();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Each bucket the directory has a place for, and its shard.</summary>
    public static async Task<Dictionary<string, string>> PlacedAsync(NpgsqlDataSource directory, CancellationToken ct)
    {
        await using var command = directory.CreateCommand($"SELECT tenant_id, database_id FROM {DirectorySchema}.mt_tenant_assignments");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var placed = new Dictionary<string, string>();
        while (await reader.ReadAsync(ct))
            placed[reader.GetString(0)] = reader.GetString(1);
        return placed;
    }
}
