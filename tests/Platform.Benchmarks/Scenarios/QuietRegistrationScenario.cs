using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// A registration's own latency, with the machine quiet: registrations offered at an open-loop 5 a second (each sent on
/// time, whatever the answers before it), straight to user-command and through the gateway, beside the raw floor
/// offered the same way. At that rate the consumers behind each registration are idle between them, so the latency
/// is the path's own, not the machine's contention (issue 26). Every registration carries a sampled trace context;
/// its spans, read back from the dashboard, show where the time goes.
/// </summary>
public sealed class QuietRegistrationScenario : IScenario
{
    public const double PerSecond = 5;

    private readonly List<Section> sections = [];

    public string Name => "registration";

    public int Steps(BenchmarkOptions options) => 6;

    public IReadOnlyList<Section> Sections => sections;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        sections.Clear();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var duration = options.Duration * 2; // 100 registrations at the default 10 s
        await using var commandDb = NpgsqlDataSource.Create(options.Database("usercommand"));
        await using var fanOut = new FanOut(options);
        var raw = new RawInserts(commandDb, runId);
        await raw.PrepareAsync();
        using var dashboard = DashboardTraces.Find(options.Dashboard, out var noDashboard);
        var issued = 0L;

        var results = new List<ScenarioResult>();
        const string floorName = "INSERT of the same row, one transaction each (Npgsql), offered alike";
        progress.Step("raw Npgsql inserts, open loop 5/s");
        await LoadResult.OpenLoopAsync(25, TimeSpan.FromSeconds(2), sequence => raw.InsertAsync(0, sequence));
        var floor = await LoadResult.OpenLoopAsync(PerSecond, duration, sequence => raw.InsertAsync(0, sequence));

        // Warm, and last before the measured phases: right after a start, 100 registrations and then the floor's 20 s
        // left the first phase at 21-37 ms and the second at 12-18, whichever came first (the JIT's tiers, each pooled
        // connection's prepared statements, what 20 s idle lets go cold).
        progress.Step("warm-up: 500 registrations, direct and through the gateway, then their consumers");
        var warmUp = await LoadResult.OpenLoopAsync(25, TimeSpan.FromSeconds(20),
            sequence => Register(sequence % 2 == 0 ? system.UserCommand : system.Gateway, DashboardTraces.NewTrace().TraceParent));
        await fanOut.WaitUntilHandledAsync(warmUp.Ids, TimeSpan.FromMinutes(2));
        var quiet = await QuietAsync();
        foreach (var (name, server, note, services) in new[]
                 {
                     ("registration, direct", system.UserCommand, "POST /api/users to user-command", new[] { "user-command" }),
                     ("registration, gateway", system.Gateway, "POST /api/users through the gateway", ["gateway", "user-command"]),
                 })
        {
            progress.Step($"{name}, open loop 5/s");
            var traced = new ConcurrentBag<Traced>();
            var phase = await LoadResult.OpenLoopAsync(PerSecond, duration, async _ =>
            {
                var (traceId, parentId, traceParent) = DashboardTraces.NewTrace();
                var clock = Stopwatch.StartNew();
                var id = await Register(server, traceParent);
                if (id is not null)
                    traced.Add(new Traced(traceId, parentId, clock.Elapsed.TotalMilliseconds));
                return id;
            });
            progress.Step($"{name}: consumers, then the traces");
            await fanOut.WaitUntilHandledAsync(phase.Ids, TimeSpan.FromMinutes(2));
            results.Add(ScenarioResult.Of(name, "open loop 5/s", phase, "reg/s", floor, "ins/s", floorName,
                $"{note}, at an open-loop 5 a second; the rate is the offered one, the latency is the figure. " +
                $"p50 {Percentile.Of(phase.LatenciesMs, 50) / Percentile.Of(floor.LatenciesMs, 50):0}× the floor's. {quiet}"));
            quiet = await QuietAsync(); // the next phase starts quiet too
            if (dashboard is not null)
                sections.Add(SpanTimes.Of($"Where a registration's time goes: {name}, open loop 5/s",
                    await ReadTracesAsync(dashboard, [.. traced], services),
                    "Each span's own time (its duration less its children's), per registration, from the traces the dashboard received; " +
                    "the rows add up to the client's wait. SQL rows name the statement's verb and table (a batch by its first statement)."));
        }
        if (noDashboard is not null)
            sections.Add(new Section("Where a registration's time goes", ["not measured"], [[noDashboard]]));
        return results;

        // The run at rest keeps about half a core busy on this machine (the daemons' polls, the dashboard); a function's
        // instance starting, or a daemon catching up, takes one or two.
        static async Task<string> QuietAsync()
        {
            if (!ProcessCpu.Available)
                return "The machine's load before it was not measured";
            var (cores, busiest) = await ProcessCpu.QuietAsync(0.8, TimeSpan.FromSeconds(60));
            return cores <= 0.8
                ? $"Before it the run spent {cores:0.00} cores"
                : $"The machine was not quiet: before it the run spent {cores:0.00} cores for 60 s (the busiest: {busiest})";
        }

        Task<Guid?> Register(Uri server, string? traceParent) =>
            Registrations.RegisterAsync(system.Http, server, $"quiet-{runId}-{Interlocked.Increment(ref issued)}@bench.example", traceParent);
    }

    private sealed record Traced(string TraceId, string ParentId, double ClientMs);

    /// <summary>
    /// Each registration's trace, once the dashboard has its first span and a span from each service it crossed (each
    /// process exports its spans about a second after they end).
    /// </summary>
    private static async Task<IReadOnlyList<TracedOperation>> ReadTracesAsync(DashboardTraces dashboard, IReadOnlyList<Traced> traced, string[] services)
    {
        var operations = new List<TracedOperation>();
        foreach (var (traceId, parentId, clientMs) in traced)
        {
            IReadOnlyList<TraceSpan> spans = [];
            await Until.TrueAsync(async () =>
                {
                    spans = await dashboard.SpansAsync(traceId);
                    return spans.Any(span => span.ParentId == parentId) && services.All(service => spans.Any(span => span.Service == service));
                },
                TimeSpan.FromSeconds(30), () => $"the spans of trace {traceId} in the dashboard (it has {spans.Count})", TimeSpan.FromMilliseconds(250));
            operations.Add(new TracedOperation(spans, clientMs));
        }
        return operations;
    }
}
