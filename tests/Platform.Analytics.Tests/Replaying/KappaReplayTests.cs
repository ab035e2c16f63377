using System.Runtime.CompilerServices;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Application.Replaying;
using Platform.Analytics.Application.WatchingMetrics;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Tests.Replaying;

/// <summary>
/// The replay's own rules, on a scripted log and an in-memory shadow: what it skips by the event's own time, when it
/// refuses to go on (retention), and that it swaps only while holding the live counter, after reading all it counted.
/// </summary>
public sealed class KappaReplayTests
{
    private static readonly DateTimeOffset From = DateTimeOffset.Parse("2026-11-20T10:15:30.250Z");
    private readonly CountingGate gate = new();

    [Fact]
    public async Task What_lies_before_from_is_skipped_by_its_own_time_unless_the_log_received_it_after_the_copy()
    {
        var shadow = new InMemoryShadow(gate, new ShadowStart(Generation: 7, CopiedThrough: 10, EventsExpected: 2, FirstOffsetExpected: 9));
        var log = new ScriptedLog([Batch(
            At(8, From.AddMilliseconds(-500)),  // the timestamp offset began early: in the copy
            At(9, From.AddMilliseconds(100)),
            At(10, From.AddMilliseconds(-200)), // in the copy
            At(11, From.AddSeconds(-5)),        // late: older than from, but logged after the copy was taken
            At(12, From.AddSeconds(1)))]);

        var status = await RunAsync(log, shadow, liveOffset: 12);

        Assert.Equal(ReplayState.Completed, status.State);
        Assert.Equal([9L, 11L, 12L], shadow.Added.Select(e => e.Offset));
        Assert.Equal(3, status.EventsDone);
        Assert.Equal(7, shadow.Swapped);
    }

    [Fact]
    public async Task A_log_whose_retention_dropped_events_the_replay_needs_fails_it_and_the_live_view_stays()
    {
        var shadow = new InMemoryShadow(gate, new ShadowStart(7, CopiedThrough: 10, EventsExpected: 5, FirstOffsetExpected: 5));
        var log = new ScriptedLog([Batch(At(8, From.AddSeconds(1)), At(9, From.AddSeconds(2)))]);

        var status = await RunAsync(log, shadow, liveOffset: 9);

        Assert.Equal(ReplayState.Failed, status.State);
        Assert.Contains("retention", status.Error);
        Assert.Null(shadow.Swapped);
        Assert.Equal(7, shadow.Discarded);
    }

    [Fact]
    public async Task The_shadow_is_swapped_in_only_after_everything_the_live_counter_counted_and_while_the_counter_is_held()
    {
        var shadow = new InMemoryShadow(gate, new ShadowStart(7, CopiedThrough: null, EventsExpected: 4, FirstOffsetExpected: 0));
        var log = new ScriptedLog([Batch(At(0, From), At(1, From.AddSeconds(1))), Batch(At(2, From.AddSeconds(2)), At(3, From.AddSeconds(3)))]);

        var status = await RunAsync(log, shadow, liveOffset: 3);

        Assert.Equal(ReplayState.Completed, status.State);
        Assert.Equal([0L, 1L, 2L, 3L], shadow.Added.Select(e => e.Offset));
        Assert.True(shadow.CounterHeldDuringSwap, "the live counter must be held while the shadow is swapped in");
        using (await gate.EnterAsync(new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token)) { } // and released after
    }

    [Fact]
    public async Task One_replay_at_a_time_and_none_from_the_future()
    {
        var replay = Replay(new ScriptedLog([], endless: true), new InMemoryShadow(gate, new ShadowStart(7, null, 0, null)), liveOffset: 100);

        Assert.True(replay.TryStart(From, out _));
        Assert.False(replay.TryStart(From, out var running));
        Assert.Equal(From, running.From);
        Assert.Throws<ArgumentOutOfRangeException>(() => replay.TryStart(DateTimeOffset.UtcNow.AddMinutes(5), out _));
    }

    private async Task<ReplayStatus> RunAsync(ILogReplay log, InMemoryShadow shadow, long liveOffset)
    {
        var replay = Replay(log, shadow, liveOffset);
        Assert.True(replay.TryStart(From, out _));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (replay.Status.State is not (ReplayState.Completed or ReplayState.Failed))
            await Task.Delay(10, timeout.Token);
        return replay.Status;
    }

    private KappaReplay Replay(ILogReplay log, IShadowView shadow, long liveOffset) => new(
        log, shadow, new FixedLive(liveOffset), gate,
        new MetricsFeed(new MetricsQuery(new NoMetrics(), TimeProvider.System), NullLogger<MetricsFeed>.Instance),
        new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance), TimeProvider.System, NullLogger<KappaReplay>.Instance);

    private static LoggedEvent At(long offset, DateTimeOffset time) =>
        new(offset, new AnalyticsEvent(Guid.NewGuid(), EventKind.UserRegistered, Guid.NewGuid(), time));

    private static ReplayBatch Batch(params LoggedEvent[] events) => new(events, events[0].Offset, events[^1].Offset);

    /// <summary>The scripted batches, then the log's end (idle batches) until cancelled, or nothing ever when endless.</summary>
    private sealed class ScriptedLog(IReadOnlyList<ReplayBatch> batches, bool endless = false) : ILogReplay
    {
        public async IAsyncEnumerable<ReplayBatch> ReadFromAsync(DateTimeOffset from, [EnumeratorCancellation] CancellationToken ct)
        {
            foreach (var batch in batches)
                yield return batch;
            while (true)
            {
                await Task.Delay(endless ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(5), ct);
                yield return ReplayBatch.Idle;
            }
        }
    }

    private sealed class InMemoryShadow(CountingGate gate, ShadowStart start) : IShadowView
    {
        public List<LoggedEvent> Added { get; } = [];
        public long? Swapped { get; private set; }
        public long? Discarded { get; private set; }
        public bool CounterHeldDuringSwap { get; private set; }

        public Task<ShadowStart> BeginAsync(DateTimeOffset from, CancellationToken ct) => Task.FromResult(start);

        public Task<long> AddAsync(long generation, IReadOnlyList<LoggedEvent> events, CancellationToken ct)
        {
            Added.AddRange(events);
            return Task.FromResult((long)events.Count);
        }

        public async Task SwapAsync(long generation, CancellationToken ct)
        {
            try
            {
                using (await gate.EnterAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(50)).Token))
                    CounterHeldDuringSwap = false;
            }
            catch (OperationCanceledException)
            {
                CounterHeldDuringSwap = true;
            }
            Swapped = generation;
        }

        public Task DiscardAsync(long generation, CancellationToken ct)
        {
            Discarded = generation;
            return Task.CompletedTask;
        }
    }

    private sealed class FixedLive(long offset) : ISpeedView
    {
        public Task<long?> LastOffsetAsync(CancellationToken ct) => Task.FromResult<long?>(offset);

        public Task CountAsync(IReadOnlyList<LoggedEvent> events, long offset, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class NoMetrics : IMetricsReader
    {
        public Task<IReadOnlyList<MetricsBucket>> ReadAsync(DateTimeOffset from, DateTimeOffset to, Granularity granularity, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<MetricsBucket>>([]);

        public Task<long> ActiveUsersAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => Task.FromResult(0L);
    }
}
