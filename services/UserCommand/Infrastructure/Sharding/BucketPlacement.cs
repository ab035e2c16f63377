using Marten;
using Npgsql;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// Before user-command serves: places every bucket the directory has no place for yet, where the ring puts it
/// (on a first start, all 1,024), and reads the directory, since a process that has not read it does not find the
/// buckets placed before it started (ADR 0040). Placing is idempotent: the same ring gives the same places.
/// </summary>
public sealed class BucketPlacement(IDocumentStore store, NpgsqlDataSource directory, UserShards shards, ILogger<BucketPlacement> logger)
    : IHostedService
{
    /// <summary>The schema of Marten's directory tables (the pool and the assignments) in user-command's own database.</summary>
    public const string DirectorySchema = "user_shards";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.Storage.AllDatabases(); // registers the configured shards in the pool, and reads the assignments
        var placed = await PlacedAsync(directory, cancellationToken);
        var places = UserBuckets.Space.Place(shards.RingMap());
        var missing = Enumerable.Range(0, places.Length).Where(bucket => !placed.Contains(UserBuckets.TenantOf(bucket))).ToList();
        if (missing.Count == 0)
            return;

        var started = TimeProvider.System.GetTimestamp();
        foreach (var bucket in missing)
            await store.Advanced.AddTenantToShardAsync(UserBuckets.TenantOf(bucket), places[bucket], cancellationToken);
        await store.Storage.AllDatabases();
        logger.LogInformation("Placed {Buckets} buckets on the ring of {Shards} ({Ring}) in {Seconds:0.0} s",
            missing.Count, shards.Ring.Count, string.Join(", ", shards.Ring), TimeProvider.System.GetElapsedTime(started).TotalSeconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The buckets the directory has a place for.</summary>
    public static async Task<HashSet<string>> PlacedAsync(NpgsqlDataSource directory, CancellationToken ct)
    {
        await using var command = directory.CreateCommand($"SELECT tenant_id FROM {DirectorySchema}.mt_tenant_assignments");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var placed = new HashSet<string>();
        while (await reader.ReadAsync(ct))
            placed.Add(reader.GetString(0));
        return placed;
    }
}
