using Platform.EventStore.UnitOfWork;
using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using Platform.Benchmarks.Suite;
using Platform.EventStore.TimeTravel;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.EventStore;

namespace Platform.Benchmarks;

/// <summary>
/// Loads one user whose stream holds --events events: replayed from the first event, and from its snapshot (as
/// user-command does, with the async snapshot policy), as of a past instant and version (time travel, which replays
/// from the start), then with the snapshot 100 events behind; then each snapshot policy's costs (<see cref="SnapshotPolicies"/>).
/// Runs in schemas of its own on the dev server, configured as user-command configures its store.
/// </summary>
public static class SnapshotBenchmark
{
    private const int Rounds = 15;
    private const int Behind = 100;

    public static async Task RunAsync(BenchmarkOptions options)
    {
        await using var store = DocumentStore.For(marten =>
        {
            marten.Connection(options.Database("usercommand"));
            marten.DatabaseSchemaName = "benchmark_snapshots";
            marten.UseSystemTextJsonForSerialization();
            UserSnapshots.Register(marten, SnapshotLifecycle.Async);
        });
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var started = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7();
        await AppendAsync(store, id, options.Events);
        var report = new RunReport();
        void Line(string line = "") => report.Line(line);
        void Print(string label, int applied, double[] times, double[] replay) => Line(Row(label, applied, times, replay));

        Line($"Platform snapshot benchmark: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
                          $"one user with {options.Events:N0} events, median and worst of {Rounds} loads each");
        Line();
        Line("| load | events applied | median ms | worst ms | vs. replay |");
        Line("|---|---:|---:|---:|---:|");

        var replay = await TimeAsync(store, session => session.Events.AggregateStreamAsync<User>(id));
        Print("replay every event (no snapshot)", options.Events, replay, replay);

        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync<User>(CancellationToken.None);
        var fromSnapshot = await TimeAsync(store, session => session.Events.FetchLatest<User>(id).AsTask());
        Print("latest snapshot", 0, fromSnapshot, replay);

        // Time travel (ADR 0033): Marten keeps only the latest snapshot, so a past state replays from the stream's start.
        var middle = options.Events / 2;
        var middleAt = await TimeTravelInstantAsync(store, id, middle);
        var asOfMiddle = await TimeAsync(store, session => StateOf(new MartenAggregateHistory<User>(new RequestSession(session)).AsOfAsync(id, middleAt, default)));
        Print($"time travel: as of the instant of version {middle:N0}", middle, asOfMiddle, replay);
        var asOfLatest = await TimeAsync(store, session => StateOf(new MartenAggregateHistory<User>(new RequestSession(session)).AtVersionAsync(id, options.Events, default)));
        Print($"time travel: as of version {options.Events:N0} (the latest)", options.Events, asOfLatest, replay);

        await AppendAsync(store, id, Behind, startAt: options.Events);
        var snapshotAndTail = await TimeAsync(store, session => session.Events.FetchLatest<User>(id).AsTask());
        Print($"snapshot + the {Behind} events after it", Behind, snapshotAndTail, replay);

        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        var policies = await SnapshotPolicies.MeasureAsync(options, report);
        await report.PublishAsync("snapshots");
        // For docs/decisions/snapshots.yaml: ADR 0011 revisited through the evaluator.
        await DecisionFigures.WriteAsync("snapshots", $"./bench.sh snapshots --events {options.Events}", started, policies);
    }

    private static async Task<DateTimeOffset> TimeTravelInstantAsync(DocumentStore store, Guid id, int version)
    {
        await using var session = store.QuerySession();
        return (await session.Events.FetchStreamAsync(id, version: version, fromVersion: version)).Single(e => e.Version == version).Timestamp;
    }

    private static async Task<User?> StateOf(Task<PastState<User>?> past) => (await past)?.State;

    /// <summary>A registration, then email changes up to <paramref name="events"/>, a thousand per transaction.</summary>
    internal static async Task AppendAsync(DocumentStore store, Guid id, int events, int startAt = 0)
    {
        var version = startAt;
        while (version < startAt + events)
        {
            await using var session = store.LightweightSession();
            for (var i = 0; i < 1_000 && version < startAt + events; i++, version++)
            {
                if (version == 0)
                    session.Events.StartStream<User>(id, new UserCreated(id, "Snapshot Bench", "bench-0@bench.example"));
                else
                    session.Events.Append(id, new EmailUpdated(id, $"bench-{version - 1}@bench.example", $"bench-{version}@bench.example"));
            }
            await session.SaveChangesAsync();
        }
    }

    /// <summary>The load's times over <paramref name="rounds"/> (15) after a first that warms up, in order.</summary>
    internal static async Task<double[]> TimeAsync(DocumentStore store, Func<IDocumentSession, Task<User?>> load, int rounds = Rounds)
    {
        var times = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            await using var session = store.LightweightSession();
            var clock = Stopwatch.StartNew();
            var user = await load(session) ?? throw new InvalidOperationException("the user did not load");
            if (round > 0) // the first round warms up
                times.Add(clock.Elapsed.TotalMilliseconds);
            GC.KeepAlive(user);
        }
        return [.. times.Order()];
    }

    private static string Row(string label, int applied, double[] times, double[] replay) =>
        ($"| {label} | {applied:N0} | {Percentile.Of(times, 50):0.00} | {times[^1]:0.00} | " +
                          $"{Percentile.Of(replay, 50) / Percentile.Of(times, 50):0.0}x faster |");
}
