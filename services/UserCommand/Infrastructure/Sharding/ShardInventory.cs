using Npgsql;
using Platform.UserCommand.Application.ListingShards;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// What <c>GET /api/admin/shards</c> shows: each shard server of the users' event store, its share of the ring, the
/// buckets the directory places on it, and the users and events it holds; a shard that cannot be reached says so
/// instead of its counts.
/// </summary>
public sealed class ShardInventory(UserShards shards, NpgsqlDataSource directory) : IShardInventory, IAsyncDisposable
{
    private static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(3);

    private readonly Dictionary<string, NpgsqlDataSource> servers = shards.All.ToDictionary(
        shard => shard, shard => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(shards.ConnectionStrings[shard])
        {
            Timeout = (int)CountTimeout.TotalSeconds,
            CommandTimeout = (int)CountTimeout.TotalSeconds,
        }.ConnectionString));

    public async Task<ShardsView> DescribeAsync(CancellationToken ct)
    {
        var shares = shards.RingMap().Shares();
        var buckets = await BucketsPerShardAsync(ct);
        var views = await Task.WhenAll(shards.All.Select(async shard =>
        {
            var (users, events, problem) = await CountAsync(servers[shard], ct);
            var connection = new NpgsqlConnectionStringBuilder(shards.ConnectionStrings[shard]);
            return new ShardView(shard, $"{connection.Host}:{connection.Port}/{connection.Database}", Math.Round(shares.GetValueOrDefault(shard), 4),
                buckets.GetValueOrDefault(shard), users, events, shards.Ring.Contains(shard) ? ShardStates.Active : ShardStates.Spare, problem);
        }));
        return new ShardsView(views, []);
    }

    private async Task<Dictionary<string, int>> BucketsPerShardAsync(CancellationToken ct)
    {
        await using var command = directory.CreateCommand(
            $"SELECT database_id, count(*) FROM {BucketPlacement.DirectorySchema}.mt_tenant_assignments WHERE NOT disabled GROUP BY database_id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var buckets = new Dictionary<string, int>();
        while (await reader.ReadAsync(ct))
            buckets[reader.GetString(0)] = (int)reader.GetInt64(1);
        return buckets;
    }

    /// <summary>Asked twice at most: a server that was restarted leaves broken connections in the pool, which the first try clears.</summary>
    private static async Task<(long? Users, long? Events, string? Problem)> CountAsync(NpgsqlDataSource server, CancellationToken ct)
    {
        var counted = await TryCountAsync(server, ct);
        if (counted.Problem is null)
            return counted;
        server.Clear();
        return await TryCountAsync(server, ct);
    }

    private static async Task<(long? Users, long? Events, string? Problem)> TryCountAsync(NpgsqlDataSource server, CancellationToken ct)
    {
        try
        {
            await using var command = server.CreateCommand(
                $"SELECT (SELECT count(*) FROM {EventStoreExtensions.Schema}.mt_streams), (SELECT count(*) FROM {EventStoreExtensions.Schema}.mt_events)");
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetInt64(0), reader.GetInt64(1), null);
        }
        catch (Exception failure) when (failure is NpgsqlException or TimeoutException)
        {
            return (null, null, $"cannot be reached: {failure.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers.Values)
            await server.DisposeAsync();
    }
}
