using Microsoft.Extensions.Options;

namespace Platform.Gateway.Topology;

/// <summary>The shard servers of the sharded event store (user-command's: <c>GET /api/admin/shards</c>), for the topology page.</summary>
public sealed class UserShards(HttpClient http, IOptions<TopologyOptions> options)
{
    private const string Route = "/api/admin/shards";

    public async Task<ShardsSection> ReadAsync(CancellationToken ct)
    {
        if (options.Value.ShardedStore is not { Length: > 0 } service)
            return new ShardsSection(null, true, null, []);
        var (shards, problem) = await http.ReadSourceAsync<ShardsJson>(service, Route, options.Value.SourceTimeout, ct);
        return new ShardsSection(service, shards is not null, problem, shards?.Shards ?? []);
    }

    private sealed record ShardsJson(IReadOnlyList<ShardNode> Shards);
}

/// <param name="Service">The service whose event store is sharded, if any.</param>
public sealed record ShardsSection(string? Service, bool Available, string? Problem, IReadOnlyList<ShardNode> Shards);

/// <param name="RingShare">The share of the consistent-hash ring the shard owns.</param>
/// <param name="State">active, spare or draining.</param>
/// <param name="Problem">Why its counts are missing: the shard's server cannot be reached.</param>
public sealed record ShardNode(string Id, string Server, double RingShare, int Buckets, long? Users, long? Events, string State, string? Problem);
