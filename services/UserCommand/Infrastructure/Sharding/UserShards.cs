using Platform.Sharding;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// The servers user-command's event store is spread over (ADR 0040), from the "Sharding" section: <c>Ring</c>, the
/// shards on the consistent-hash ring at the first start (then the directory keeps it, <see cref="ShardRing"/>), and
/// <c>Spares</c>, servers a rebalance can add; each is named by its
/// connection string (<c>ConnectionStrings:users-shard-1</c>), and the name is its database id in Marten's pool.
/// </summary>
public sealed record UserShards(IReadOnlyList<string> Ring, IReadOnlyList<string> Spares, int VirtualNodes, IReadOnlyDictionary<string, string> ConnectionStrings)
{
    public const string Section = "Sharding";

    public IEnumerable<string> All => Ring.Concat(Spares);

    public static UserShards From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var ring = Names(section["Ring"]);
        var spares = Names(section["Spares"]);
        if (ring.Count == 0)
            throw new InvalidOperationException(
                $"{Section}:Ring names no shard: user-command's event store needs at least one (a comma-separated list of connection string names).");
        var connections = new Dictionary<string, string>();
        foreach (var shard in ring.Concat(spares))
            connections[shard] = configuration.GetConnectionString(shard) is { Length: > 0 } connection
                ? connection
                : throw new InvalidOperationException($"The shard '{shard}' in {Section} has no connection string (ConnectionStrings:{shard}).");
        return new UserShards(ring, spares, section.GetValue("VirtualNodes", ConsistentHashRing.DefaultVirtualNodes), connections);
    }

    private static List<string> Names(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];
}
