using Marten;
using Npgsql;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// Before user-command serves, and before its outbox forwarders start: brings every shard's schema up to date, reads
/// the ring from the directory (<see cref="ShardRing"/>), places every bucket the directory has no place for yet where the ring puts it (on a first start, all 1,024), moves users
/// kept from before sharding into their buckets (<see cref="LegacyStoreMigration"/>), and reads the directory, since
/// a process that has not read it does not find the buckets placed before it started (ADR 0040). Placing is
/// idempotent: the same ring gives the same places.
/// </summary>
public sealed class BucketPlacement(
    IDocumentStore store, NpgsqlDataSource directory, ShardRing ring, LegacyStoreMigration legacy, ILogger<BucketPlacement> logger)
    : IHostedService
{
    /// <summary>The schema of Marten's directory tables (the pool and the assignments) in user-command's own database.</summary>
    public const string DirectorySchema = "user_shards";

    private const int PlacingInParallel = 8;

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
            await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = PlacingInParallel, CancellationToken = cancellationToken },
                async (bucket, ct) => await store.Advanced.AddTenantToShardAsync(UserBuckets.TenantOf(bucket), places[bucket], ct));
            logger.LogInformation("Placed {Buckets} buckets on the ring of {Shards} ({Ring}) in {Seconds:0.0} s",
                missing.Count, ring.Members.Count, string.Join(", ", ring.Members), TimeProvider.System.GetElapsedTime(started).TotalSeconds);
            placed = await PlacedAsync(directory, cancellationToken);
        }
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
