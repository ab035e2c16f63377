using System.Diagnostics;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.WatchingMetrics;

namespace Platform.Analytics.Application.Replaying;

/// <summary>
/// The Kappa replay (ADR 0022): rebuilds the speed view from a point in time by re-reading the durable log. It builds
/// a shadow generation while the live view keeps counting and serving, catches up with the live counter, and swaps the
/// shadow in. The shadow starts as the live view's events from before <c>from</c>; the log is read from <c>from</c> by
/// its own clock, which begins a little early, so what lies before <c>from</c> by the event's own time is skipped
/// (it is in the copy), unless the log received it after the copy was taken.
/// </summary>
public sealed class KappaReplay(
    ILogReplay log, IShadowView shadow, ISpeedView live, CountingGate counting, MetricsFeed feed,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<KappaReplay> logger)
{
    private readonly Lock gate = new();
    private ReplayStatus status = new(ReplayState.Idle);

    public ReplayStatus Status
    {
        get
        {
            lock (gate)
                return status;
        }
    }

    /// <summary>Starts a replay from <paramref name="from"/>; false (and the one running) if one is already running.</summary>
    public bool TryStart(DateTimeOffset from, out ReplayStatus started)
    {
        if (from > clock.GetUtcNow())
            throw new ArgumentOutOfRangeException(nameof(from), "A replay cannot start in the future.");
        lock (gate)
        {
            if (status.State is ReplayState.Replaying or ReplayState.CatchingUp or ReplayState.Swapping)
            {
                started = status;
                return false;
            }
            started = status = new ReplayStatus(ReplayState.Replaying, from, StartedAt: clock.GetUtcNow());
        }
        _ = Task.Run(() => RunAsync(from, lifetime.ApplicationStopping));
        return true;
    }

    private async Task RunAsync(DateTimeOffset from, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        ShadowStart? start = null;
        IDisposable? holding = null;
        try
        {
            using (await counting.EnterAsync(ct))
                start = await shadow.BeginAsync(from, ct);
            Update(s => s with { EventsExpected = start.EventsExpected });
            logger.LogInformation("Replaying the log from {From} into generation {Generation}: {Expected} events expected",
                from, start.Generation, start.EventsExpected);

            long done = 0;
            long? read = null;
            await foreach (var batch in log.ReadFromAsync(from, ct))
            {
                if (read is null && batch.FirstOffset > start.FirstOffsetExpected)
                    throw new InvalidOperationException(
                        $"The log no longer holds offset {start.FirstOffsetExpected} (its retention dropped it): a replay from {from:O} would lose events.");
                var replayed = batch.Events.Where(e => e.Event.OccurredAt >= from || e.Offset > start.CopiedThrough).ToList();
                done += await shadow.AddAsync(start.Generation, replayed, ct);
                read = batch.LastOffset ?? read;
                Update(s => s with
                {
                    EventsDone = done, EventsExpected = Math.Max(s.EventsExpected, done), LogOffset = read,
                    EventsPerSecond = Math.Round(done / Math.Max(clock.GetElapsedTime(started).TotalSeconds, 0.001)),
                });

                // Caught up with the live counter (or at the log's end): hold it, read what it counted meanwhile, swap.
                var idle = batch.LastOffset is null;
                if (!idle && read < await live.LastOffsetAsync(ct))
                    continue;
                if (holding is null)
                {
                    holding = await counting.EnterAsync(ct);
                    Update(s => s with { State = ReplayState.CatchingUp });
                    if (!idle && read < await live.LastOffsetAsync(ct))
                        continue;
                }
                Update(s => s with { State = ReplayState.Swapping });
                await shadow.SwapAsync(start.Generation, ct);
                break;
            }
            Update(s => s with
            {
                State = ReplayState.Completed, FinishedAt = clock.GetUtcNow(),
                EventsPerSecond = Math.Round(done / Math.Max(clock.GetElapsedTime(started).TotalSeconds, 0.001)),
            });
            logger.LogInformation("Replay from {From} swapped in generation {Generation}: {Done} events in {Seconds:F1} s",
                from, start.Generation, done, clock.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "The replay from {From} failed; the live view stays in force", from);
            Update(s => s with { State = ReplayState.Failed, Error = failure.Message, FinishedAt = clock.GetUtcNow() });
            if (start is not null)
                await shadow.DiscardAsync(start.Generation, CancellationToken.None);
        }
        finally
        {
            holding?.Dispose();
        }
        feed.Changed();
    }

    private void Update(Func<ReplayStatus, ReplayStatus> change)
    {
        lock (gate)
            status = change(status);
    }
}
