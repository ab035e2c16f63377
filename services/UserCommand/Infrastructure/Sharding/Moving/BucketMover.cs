using Marten;
using Npgsql;
using Platform.EventStore;
using Platform.EventStore.Outbox;
using Platform.EventStore.Sharding;
using Platform.UserCommand.Infrastructure.UserDirectory;

namespace Platform.UserCommand.Infrastructure.Sharding.Moving;

/// <summary>
/// Works through the latest rebalance in the directory (ADR 0043), one bucket at a time:
/// 1. copy the bucket's streams to the target as they are, marked as copies, and catch up with what came meanwhile;
/// 2. freeze the bucket's writes (<see cref="BucketGate"/> in this process, <see cref="BucketFence"/> on the shard for
///    every process), copy the last delta, verify every stream's digest;
/// 3. fence the bucket on the source, flip the directory's assignment (Marten's <c>AddTenantToShardAsync</c>), and let
///    the writes go on, on the target;
/// 4. a grace period later, once the source's forwarder has published the bucket's last event, delete it there.
/// Each step is recorded, and each is safe to do again, so a restart goes on from where it stopped.
/// </summary>
public sealed class BucketMover(
    IDocumentStore store, IUserDirectory directory, NpgsqlDataSource placements, UserShards shards, BucketGate gate, TenantPartitions partitions,
    IConfiguration configuration, TimeProvider clock, ILogger<BucketMover> logger)
    : BackgroundService
{
    /// <summary>Catch-up passes end when one copies no more than this; the rest is copied while the bucket is frozen.</summary>
    private const int SmallDelta = 20;
    private const int CatchUpPasses = 5;
    private const int VerifyAttempts = 3;
    private static readonly TimeSpan DrainWithin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WhileWaiting = TimeSpan.FromSeconds(1);

    private readonly BucketCopy copy = new(EventStoreExtensions.Schema);
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>How long a moved bucket's old copy stays: a history reader's pass shorter than it sees every event (ADR 0043).</summary>
    private TimeSpan GracePeriod => configuration.GetValue("Sharding:MoveGracePeriod", TimeSpan.FromSeconds(15));

    /// <summary>A new rebalance was written to the directory: start on it now.</summary>
    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var servers = shards.All.ToDictionary(shard => shard, shard => NpgsqlDataSource.Create(shards.ConnectionStrings[shard]));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var pause = Timeout.InfiniteTimeSpan;
                try
                {
                    if (await WorkAsync(servers, stoppingToken))
                        pause = WhileWaiting;
                }
                catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(failure, "The rebalance stopped on a failure; it goes on in {Seconds} s", AfterFailure.TotalSeconds);
                    await RecordAsync(rebalance => rebalance.Failure = failure.Message, stoppingToken);
                    pause = AfterFailure;
                }
                await wake.WaitAsync(pause, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var server in servers.Values)
                await server.DisposeAsync();
        }
    }

    /// <summary>Moves every pending bucket and deletes every old copy whose grace period is over; true while some wait for theirs.</summary>
    private async Task<bool> WorkAsync(IReadOnlyDictionary<string, NpgsqlDataSource> servers, CancellationToken ct)
    {
        await using var session = directory.LightweightSession();
        if (await session.LoadAsync<RebalanceDocument>(RebalanceDocument.Latest, ct) is not { Running: true } rebalance)
            return false;

        // Every configured server is in Marten's pool from the start: one look at it serves the whole pass.
        var databases = (await store.NamedDatabasesAsync()).ToDictionary(named => named.Name, named => named.Database);
        foreach (var move in rebalance.Moves.Where(move => move.Step == MoveSteps.Pending))
        {
            await partitions.AddAsync(databases[move.To], UserBuckets.TenantOf(move.Bucket), ct); // before the copy (TenantPartitions)
            var frozenFor = await MoveAsync(move, servers[move.From], servers[move.To], rebalance, ct);
            (move.Step, move.FlippedAt) = (MoveSteps.Flipped, clock.GetUtcNow());
            rebalance.FreezesMs.Add(Math.Round(frozenFor.TotalMilliseconds, 1));
            await DeleteDueAsync(rebalance, servers, databases, ct);
            await SaveAsync(session, rebalance, ct);
        }
        await DeleteDueAsync(rebalance, servers, databases, ct);
        if (rebalance.Moves.All(move => move.Step == MoveSteps.Done))
        {
            (rebalance.FinishedAt, rebalance.Failure) = (clock.GetUtcNow(), null);
            logger.LogInformation("The {Kind} of {Shard} moved {Buckets} buckets in {Seconds:0.0} s; the longest write freeze was {Freeze:0.0} ms",
                rebalance.Kind, rebalance.Shard, rebalance.Moves.Count, (rebalance.FinishedAt - rebalance.StartedAt).Value.TotalSeconds, rebalance.FreezesMs.DefaultIfEmpty(0).Max());
        }
        await SaveAsync(session, rebalance, ct);
        return rebalance.Running;
    }

    /// <summary>Copies, freezes, verifies and flips one bucket; returns how long its writes were held back.</summary>
    private async Task<TimeSpan> MoveAsync(BucketMove move, NpgsqlDataSource source, NpgsqlDataSource target, RebalanceDocument rebalance, CancellationToken ct)
    {
        var bucket = UserBuckets.TenantOf(move.Bucket);
        var differed = 0;
        while (true)
        {
            for (var pass = 0; pass < CatchUpPasses && (await copy.CopyAsync(source, target, bucket, ct)).Events > SmallDelta; pass++)
            {
            }
            using var frozen = await gate.FreezeAsync(bucket, DrainWithin, ct);
            if (frozen is null)
            {
                rebalance.FreezeRetries++; // a write held the bucket longer than a freeze waits for it: copy again, then try again
                continue;
            }
            var started = clock.GetTimestamp();
            // The shard's own freeze, for writers in other processes (ADR 0045): it waits for theirs to commit.
            await using var held = await BucketFence.FreezeAsync(source, EventStoreExtensions.Schema, bucket, DrainWithin, ct);
            if (held is null)
            {
                rebalance.FreezeRetries++;
                continue;
            }
            await copy.CopyAsync(source, target, bucket, ct);
            var (expected, copied) = (await copy.DigestAsync(source, bucket, ct), await copy.DigestAsync(target, bucket, ct));
            if (!expected.SequenceEqual(copied))
            {
                // The source changed in place (an erasure masks events): start the copy again from nothing.
                await copy.DeleteAsync(target, bucket, ct);
                if (++differed == VerifyAttempts)
                    throw new InvalidOperationException($"The copy of {bucket} on {move.To} differed from {move.From} {differed} times; it stays on {move.From}.");
                continue;
            }
            // Fenced before the flip: a write that waited, or one from a process that has not reread the directory,
            // is refused on the source rather than left there. A stop in between refuses the bucket's writes until
            // the move is done again.
            await BucketFence.UnfenceAsync(target, EventStoreExtensions.Schema, bucket, ct);
            await held.FenceAsync(ct);
            await store.Advanced.AddTenantToShardAsync(bucket, move.To, ct);
            await PlacementListener.NotifyAsync(placements, bucket, ct); // every other process rereads the places (ADR 0045)
            return clock.GetElapsedTime(started);
        }
    }

    /// <summary>Deletes each moved bucket's old copy once its grace period is over and the source's forwarder has published all of it.</summary>
    private async Task DeleteDueAsync(
        RebalanceDocument rebalance, IReadOnlyDictionary<string, NpgsqlDataSource> servers, IReadOnlyDictionary<string, Marten.Storage.IMartenDatabase> databases, CancellationToken ct)
    {
        var due = rebalance.Moves.Where(move => move.Step == MoveSteps.Flipped && move.FlippedAt + GracePeriod <= clock.GetUtcNow()).ToList();
        if (due.Count == 0)
            return;
        var forwarded = new Dictionary<string, long>();
        foreach (var move in due)
        {
            var bucket = UserBuckets.TenantOf(move.Bucket);
            if (!forwarded.TryGetValue(move.From, out var through))
                forwarded[move.From] = through = await databases[move.From].ForwardedThroughAsync(ct);
            if (await copy.LastSequenceAsync(servers[move.From], bucket, ct) > through)
                continue; // its forwarder has not published the bucket's last events yet
            await copy.DeleteAsync(servers[move.From], bucket, ct);
            move.Step = MoveSteps.Done;
        }
    }

    private static async Task SaveAsync(IDocumentSession session, RebalanceDocument rebalance, CancellationToken ct)
    {
        session.Store(rebalance);
        await session.SaveChangesAsync(ct);
    }

    private async Task RecordAsync(Action<RebalanceDocument> change, CancellationToken ct)
    {
        await using var session = directory.LightweightSession();
        if (await session.LoadAsync<RebalanceDocument>(RebalanceDocument.Latest, ct) is not { } rebalance)
            return;
        change(rebalance);
        await SaveAsync(session, rebalance, ct);
    }
}
