using System.Diagnostics;
using JasperFx.Events.Projections;
using Marten;
using Platform.Benchmarks.Suite;
using Platform.UserCommand.Domain;
using Platform.UserCommand.Infrastructure.EventStore;

namespace Platform.Benchmarks;

/// <summary>
/// ADR 0011's choice measured (part of ./bench.sh snapshots): each snapshot policy user-command offers
/// (<c>EventStore:UserSnapshots</c>: None, Inline, Async) in a schema of its own, configured as user-command configures
/// its store. For each: registrations appended one transaction at a time (what a request pays), the daemon's work to
/// keep the snapshots where it does that work instead (Async), and the load of a user of --events events
/// (<c>FetchLatest</c>: the snapshot and the events after it, or every event where there is none).
/// </summary>
public static class SnapshotPolicies
{
    private const int Registrations = 500;
    private const int WarmUp = 50;
    private const int Loads = 15;

    public static async Task<Dictionary<string, Dictionary<string, object>>> MeasureAsync(BenchmarkOptions options, RunReport report)
    {
        report.Line();
        report.Line($"Each policy: {Registrations} registrations one transaction at a time (the policies in turn, one registration each, so " +
                    $"that none runs on a warmer server), then a user of {options.Events:N0} events loaded {Loads} times:");
        report.Line();
        report.Line("| policy | registration p50 ms | p99 ms | daemon's work per registration, ms | load of the long user, median ms | the load against a replay |");
        report.Line("|---|---:|---:|---:|---:|---|");
        SnapshotLifecycle?[] policies = [null, SnapshotLifecycle.Inline, SnapshotLifecycle.Async];
        var stores = new List<(string Name, SnapshotLifecycle? Policy, DocumentStore Store, List<double> Appends)>();
        try
        {
            foreach (var policy in policies)
                stores.Add((policy?.ToString() ?? "None", policy, await StoreAsync(options, policy), []));
            for (var i = 0; i < WarmUp + Registrations; i++)
            {
                foreach (var (_, _, store, appends) in stores)
                {
                    var time = await RegisterAsync(store, i);
                    if (i >= WarmUp) // the first warm the store's code and connections up
                        appends.Add(time);
                }
            }

            var figures = new Dictionary<string, Dictionary<string, object>>();
            foreach (var (name, policy, store, appends) in stores)
            {
                var daemonMs = policy == SnapshotLifecycle.Async ? await CatchUpMsAsync(store) / Registrations : 0;
                var longUser = Guid.CreateVersion7();
                await SnapshotBenchmark.AppendAsync(store, longUser, options.Events);
                if (policy == SnapshotLifecycle.Async)
                    await CatchUpMsAsync(store);
                var loads = await SnapshotBenchmark.TimeAsync(store, session => session.Events.FetchLatest<User>(longUser).AsTask(), Loads);
                var (matches, found) = await LatestMatchesReplayAsync(store, longUser, await ChangedOnceAsync(store, policy));

                var sorted = appends.Order().ToArray();
                figures[name] = new()
                {
                    ["registration_p50_ms"] = Math.Round(Percentile.Of(sorted, 50), 2),
                    ["registration_p99_ms"] = Math.Round(Percentile.Of(sorted, 99), 2),
                    ["daemon_ms_per_registration"] = Math.Round(daemonMs, 3),
                    ["long_load_ms"] = Math.Round(Percentile.Of(loads, 50), 2),
                    ["latest_matches_replay"] = matches ? 1 : 0,
                };
                report.Line($"| {name} | {Percentile.Of(sorted, 50):0.00} | {Percentile.Of(sorted, 99):0.00} | {daemonMs:0.000} | {Percentile.Of(loads, 50):0.00} | {found} |");
            }
            return figures;
        }
        finally
        {
            foreach (var (_, _, store, _) in stores)
            {
                await store.Advanced.Clean.CompletelyRemoveAllAsync();
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>A store as user-command configures its own, under the policy, in a schema of its own, empty.</summary>
    private static async Task<DocumentStore> StoreAsync(BenchmarkOptions options, SnapshotLifecycle? policy)
    {
        var store = DocumentStore.For(marten =>
        {
            marten.Connection(options.Database("usercommand"));
            marten.DatabaseSchemaName = $"benchmark_snapshots_{policy?.ToString().ToLowerInvariant() ?? "none"}";
            marten.UseSystemTextJsonForSerialization();
            UserSnapshots.Register(marten, policy);
        });
        await store.Advanced.Clean.CompletelyRemoveAllAsync();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    /// <summary>One registration in a transaction of its own; the commit's time in ms.</summary>
    private static async Task<double> RegisterAsync(DocumentStore store, int n)
    {
        var id = Guid.CreateVersion7();
        await using var session = store.LightweightSession();
        session.Events.StartStream<User>(id, new UserCreated(id, "Policy Bench", $"policy-{n}@bench.example"));
        var clock = Stopwatch.StartNew();
        await session.SaveChangesAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Whether the load (<c>FetchLatest</c>) is the state a replay of every event gives, and what differs where not.</summary>
    /// Checked for the long user and for a user as the service writes one: a registration, then an email change, each
    /// in a transaction of its own.
    private static async Task<(bool Matches, string Found)> LatestMatchesReplayAsync(DocumentStore store, Guid longUser, Guid changedOnce)
    {
        var found = new List<string>();
        foreach (var (user, label) in new[] { (longUser, "the long user"), (changedOnce, "a user registered, then changed once") })
        {
            await using var session = store.LightweightSession();
            var latest = await session.Events.FetchLatest<User>(user);
            var replayed = await session.Events.AggregateStreamAsync<User>(user);
            if (latest != replayed)
                found.Add($"{label}: version {latest?.Version} where the replay has {replayed?.Version}, email {(latest?.Email == replayed?.Email ? "the same" : latest?.Email)}");
        }
        return found.Count == 0 ? (true, "the same") : (false, "differs: " + string.Join("; ", found));
    }

    private static async Task<Guid> ChangedOnceAsync(DocumentStore store, SnapshotLifecycle? policy)
    {
        var id = Guid.CreateVersion7();
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<User>(id, new UserCreated(id, "Policy Bench", "changed-0@bench.example"));
            await session.SaveChangesAsync();
        }
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(id, new EmailUpdated(id, "changed-0@bench.example", "changed-1@bench.example"));
            await session.SaveChangesAsync();
        }
        if (policy == SnapshotLifecycle.Async)
            await CatchUpMsAsync(store);
        return id;
    }

    /// <summary>The daemon brings every snapshot up to date (a rebuild: the work it does behind the appends), timed.</summary>
    private static async Task<double> CatchUpMsAsync(DocumentStore store)
    {
        using var daemon = await store.BuildProjectionDaemonAsync();
        var clock = Stopwatch.StartNew();
        await daemon.RebuildProjectionAsync<User>(CancellationToken.None);
        return clock.Elapsed.TotalMilliseconds;
    }
}
