using Npgsql;
using Platform.UserCommand.Application.ListingShards;
using Platform.UserCommand.Infrastructure.Sharding.Moving;
using Platform.UserCommand.Infrastructure.UserDirectory;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// What <c>GET /api/admin/shards</c> shows: each shard server of the users' event store, its share of the ring, the
/// buckets the directory places on it, and the users and events it holds (a shard that cannot be reached says so
/// instead of its counts); and the latest rebalance with the moves it has still to finish.
/// </summary>
public sealed class ShardInventory(UserShards shards, ShardRing ring, NpgsqlDataSource directory, IUserDirectory directoryStore) : IShardInventory, IAsyncDisposable
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
        var members = ring.Members;
        var shares = ring.Map().Shares();
        var buckets = await BucketsPerShardAsync(ct);
        RebalanceDocument? rebalance;
        await using (var session = directoryStore.QuerySession())
            rebalance = await session.LoadAsync<RebalanceDocument>(RebalanceDocument.Latest, ct);
        var draining = rebalance is { Running: true, Kind: "drain" } ? rebalance.Shard : null;
        var views = await Task.WhenAll(shards.All.Select(async shard =>
        {
            var placed = buckets.GetValueOrDefault(shard) ?? [];
            var (users, events, problem) = await CountAsync(servers[shard], placed, ct);
            var connection = new NpgsqlConnectionStringBuilder(shards.ConnectionStrings[shard]);
            var state = shard == draining ? ShardStates.Draining : members.Contains(shard) ? ShardStates.Active : ShardStates.Spare;
            return new ShardView(shard, $"{connection.Host}:{connection.Port}/{connection.Database}", Math.Round(shares.GetValueOrDefault(shard), 4),
                placed.Length, users, events, state, problem);
        }));
        var moves = rebalance?.Moves.Where(move => move.Step != MoveSteps.Done).Select(move => move.ToView()).ToList() ?? [];
        return new ShardsView(views, moves, rebalance?.ToView());
    }

    /// <summary>The buckets the directory places on each shard.</summary>
    private async Task<Dictionary<string, string[]>> BucketsPerShardAsync(CancellationToken ct)
    {
        await using var command = directory.CreateCommand(
            $"SELECT database_id, array_agg(tenant_id) FROM {BucketPlacement.DirectorySchema}.mt_tenant_assignments WHERE NOT disabled GROUP BY database_id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var buckets = new Dictionary<string, string[]>();
        while (await reader.ReadAsync(ct))
            buckets[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
        return buckets;
    }

    /// <summary>
    /// The users and events of the buckets placed on the shard (a moved bucket's old copy, until it is deleted, is
    /// not counted twice). Asked twice at most: a server that was restarted leaves broken connections in the pool,
    /// which the first try clears.
    /// </summary>
    private static async Task<(long? Users, long? Events, string? Problem)> CountAsync(NpgsqlDataSource server, string[] buckets, CancellationToken ct)
    {
        var counted = await TryCountAsync(server, buckets, ct);
        if (counted.Problem is null)
            return counted;
        server.Clear();
        return await TryCountAsync(server, buckets, ct);
    }

    private static async Task<(long? Users, long? Events, string? Problem)> TryCountAsync(NpgsqlDataSource server, string[] buckets, CancellationToken ct)
    {
        try
        {
            // Marten's tombstones (the sequence numbers of failed saves) are neither a user nor one of their events.
            await using var command = server.CreateCommand(
                $"SELECT (SELECT count(*) FROM {EventStoreExtensions.Schema}.mt_streams WHERE tenant_id = ANY($1) AND id <> $2), " +
                $"(SELECT count(*) FROM {EventStoreExtensions.Schema}.mt_events WHERE tenant_id = ANY($1) AND stream_id <> $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = buckets });
            command.Parameters.Add(new NpgsqlParameter { Value = JasperFx.Events.Tombstone.StreamId });
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
