namespace Platform.UserCommand.Application.RebalancingShards;

/// <summary>
/// Port to the online rebalance (issue 22, ADR 0043): a server joins the ring, or one is drained off it, and the
/// buckets whose place on the ring changed are moved one at a time while every user is served.
/// </summary>
public interface IShardRebalance
{
    /// <summary>Adds <paramref name="server"/> (null: the first spare) to the ring and starts moving its buckets to it.</summary>
    Task<RebalanceStarted> AddAsync(string? server, CancellationToken ct);

    /// <summary>Takes <paramref name="shard"/> off the ring and starts moving its buckets to the others.</summary>
    Task<RebalanceStarted> DrainAsync(string shard, CancellationToken ct);
}

/// <param name="Kind">add or drain.</param>
/// <param name="Ring">The ring after the rebalance.</param>
/// <param name="Moves">The buckets it moves: exactly those whose place on the ring changed.</param>
public sealed record RebalanceStarted(string Kind, string Shard, IReadOnlyList<string> Ring, int Moves);

/// <summary>A rebalance the ring cannot take now: a server unknown, already on it or off it, or another rebalance still running.</summary>
public sealed class RebalanceRefusedException(bool unknown, string title, string detail) : Exception(detail)
{
    /// <summary>The server named is not one of the store's (404), rather than in the wrong state for it (409).</summary>
    public bool Unknown { get; } = unknown;

    public string Title { get; } = title;
}
