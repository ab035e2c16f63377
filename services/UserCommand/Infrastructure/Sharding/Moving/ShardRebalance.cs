using Npgsql;
using Platform.Sharding;
using Platform.UserCommand.Application.RebalancingShards;
using Platform.UserCommand.Infrastructure.UserDirectory;

namespace Platform.UserCommand.Infrastructure.Sharding.Moving;

/// <summary>
/// Plans a rebalance (ADR 0043): the new ring, and a move for exactly each bucket whose place on it differs from where
/// the directory has it now; writes both to the directory in one transaction, and wakes the <see cref="BucketMover"/>.
/// </summary>
public sealed class ShardRebalance(
    UserShards shards, ShardRing ring, IUserDirectory directory, NpgsqlDataSource placements, BucketMover mover, TimeProvider clock)
    : IShardRebalance
{
    private readonly SemaphoreSlim planning = new(1, 1);

    public async Task<RebalanceStarted> AddAsync(string? server, CancellationToken ct)
    {
        var members = ring.Members;
        var added = server ?? shards.All.FirstOrDefault(shard => !members.Contains(shard))
            ?? throw new RebalanceRefusedException(false, "No spare server",
                $"Every server of the users' store is on the ring already ({string.Join(", ", members)}); name one to add, or configure a spare.");
        Known(added);
        if (members.Contains(added))
            throw new RebalanceRefusedException(false, "Already on the ring", $"{added} is on the ring already ({string.Join(", ", members)}).");
        return await StartAsync("add", added, [.. members, added], ct);
    }

    public async Task<RebalanceStarted> DrainAsync(string shard, CancellationToken ct)
    {
        Known(shard);
        var members = ring.Members;
        if (!members.Contains(shard))
            throw new RebalanceRefusedException(false, "Not on the ring", $"{shard} is not on the ring ({string.Join(", ", members)}): it holds no buckets.");
        if (members.Count == 1)
            throw new RebalanceRefusedException(false, "The last shard", $"{shard} is the ring's only shard: its users would have nowhere to go.");
        return await StartAsync("drain", shard, [.. members.Where(member => member != shard)], ct);
    }

    private void Known(string server)
    {
        if (!shards.All.Contains(server))
            throw new RebalanceRefusedException(true, "Unknown server",
                $"{server} is not a server of the users' store; the configured ones are {string.Join(", ", shards.All)}.");
    }

    private async Task<RebalanceStarted> StartAsync(string kind, string shard, List<string> next, CancellationToken ct)
    {
        await planning.WaitAsync(ct);
        try
        {
            await using var session = directory.LightweightSession();
            if (await session.LoadAsync<RebalanceDocument>(RebalanceDocument.Latest, ct) is { Running: true } running)
                throw new RebalanceRefusedException(false, "A rebalance is running",
                    $"The {running.Kind} of {running.Shard} is still moving buckets; start another once it has finished (GET /api/admin/shards).");

            var placed = await BucketPlacement.PlacedAsync(placements, ct);
            var places = UserBuckets.Space.Place(UserBuckets.Space.Ring(next, shards.VirtualNodes));
            var moves = Enumerable.Range(0, places.Length)
                .Select(bucket => new BucketMove { Bucket = bucket, From = placed[UserBuckets.TenantOf(bucket)], To = places[bucket] })
                .Where(move => move.From != move.To)
                .ToList();
            var rebalance = new RebalanceDocument { Kind = kind, Shard = shard, Ring = next, Moves = moves, StartedAt = clock.GetUtcNow() };
            if (moves.Count == 0)
                rebalance.FinishedAt = rebalance.StartedAt;
            session.Store(rebalance);
            session.Store(new ShardRingDocument { Members = next });
            await session.SaveChangesAsync(ct);
            ring.Change(next);
            mover.Wake();
            return new RebalanceStarted(kind, shard, next, moves.Count);
        }
        finally
        {
            planning.Release();
        }
    }
}
