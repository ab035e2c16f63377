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

        progress.Step("warm-up: 100 registrations, then their consumers");
        var warmUp = await LoadResult.OpenLoopAsync(25, TimeSpan.FromSeconds(4), _ => Register(system.UserCommand, null));
        await LoadResult.OpenLoopAsync(25, TimeSpan.FromSeconds(2), sequence => raw.InsertAsync(0, sequence));
        await fanOut.WaitUntilHandledAsync(warmUp.Ids, TimeSpan.FromMinutes(2));

        var results = new List<ScenarioResult>();
        const string floorName = "INSERT of the same row, one transaction each (Npgsql), offered alike";
        progress.Step("raw Npgsql inserts, open loop 5/s");
        var floor = await LoadResult.OpenLoopAsync(PerSecond, duration, sequence => raw.InsertAsync(0, sequence));
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
            await fanOut.WaitUntilHandledAsync(phase.Ids, TimeSpan.FromMinutes(2)); // the next phase starts quiet too
            results.Add(ScenarioResult.Of(name, "open loop 5/s", phase, "reg/s", floor, "ins/s", floorName,
                $"{note}, at an open-loop 5 a second; the rate is the offered one, the latency is the figure. " +
                $"p50 {Percentile.Of(phase.LatenciesMs, 50) / Percentile.Of(floor.LatenciesMs, 50):0}× the floor's"));
            if (dashboard is not null)
                sections.Add(SpanTimes.Of($"Where a registration's time goes: {name}, open loop 5/s",
                    await ReadTracesAsync(dashboard, [.. traced], services),
                    "Each span's own time (its duration less its children's), per registration, from the traces the dashboard received; " +
                    "the rows add up to the client's wait. SQL rows name the statement's verb and table (a batch by its first statement)."));
        }
        if (noDashboard is not null)
            sections.Add(new Section("Where a registration's time goes", ["not measured"], [[noDashboard]]));
        return results;

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
