namespace Platform.Benchmarks.Shapes;

/// <summary>What one shape measured, as the evaluator's figures name it (snake case, units in the name).</summary>
public sealed record ShapeFigures(
    double ReadySeconds, double ColdRequestMs, double IdleMemoryMb, double LoadMemoryMb,
    double SteadyP50Ms, double SteadyP99Ms, int SteadyFailed,
    double BurstRequestsPerSecond, double BurstP50Ms, double BurstP99Ms, int BurstFailed,
    double CpuMsPerRequest, IReadOnlyList<string> Deployables, IReadOnlyList<string> Servers, int LinesOfCode, CrashOutcome Crash)
{
    public static IReadOnlyList<(string Label, Func<ShapeFigures, double> Read, string Format)> Rows { get; } =
    [
        ("command → ready (s, first start)", shape => shape.ReadySeconds, "0.0"),
        ("first registration after ready (ms)", shape => shape.ColdRequestMs, "0"),
        ("memory idle (MB, services and servers)", shape => shape.IdleMemoryMb, "0"),
        ("memory under load, peak (MB)", shape => shape.LoadMemoryMb, "0"),
        ("registrations at 10/s: p50 (ms)", shape => shape.SteadyP50Ms, "0.0"),
        ("registrations at 10/s: p99 (ms)", shape => shape.SteadyP99Ms, "0.0"),
        ($"burst, {ShapeWorkload.Requests} requests a round by 8 clients: requests/s", shape => shape.BurstRequestsPerSecond, "0"),
        ("burst: p50 (ms)", shape => shape.BurstP50Ms, "0.0"),
        ("burst: p99 (ms)", shape => shape.BurstP99Ms, "0.0"),
        ("failed requests (steady + burst)", shape => shape.SteadyFailed + shape.BurstFailed, "0"),
        ("CPU per request, every process of the shape (ms)", shape => shape.CpuMsPerRequest, "0.00"),
        ("deployables of its own", shape => shape.Deployables.Count, "0"),
        ("servers", shape => shape.Servers.Count, "0"),
        ("lines of C# shipped", shape => shape.LinesOfCode, "0"),
        ("a crash of the registrations' part: down (s)", shape => shape.Crash.DownSeconds, "0.0"),
        ("  operations sent while down that failed (%)", shape => shape.Crash.FailedPercent, "0"),
        ("  answered but lost (no profile, order never settled)", shape => shape.Crash.Lost, "0"),
    ];

    public Dictionary<string, object> AsFigures() => new()
    {
        ["ready_s"] = Math.Round(ReadySeconds, 1),
        ["cold_request_ms"] = Math.Round(ColdRequestMs),
        ["idle_memory_mb"] = Math.Round(IdleMemoryMb),
        ["load_memory_mb"] = Math.Round(LoadMemoryMb),
        ["steady_p50_ms"] = Math.Round(SteadyP50Ms, 1),
        ["steady_p99_ms"] = Math.Round(SteadyP99Ms, 1),
        ["burst_requests_per_s"] = Math.Round(BurstRequestsPerSecond, 1),
        ["burst_p50_ms"] = Math.Round(BurstP50Ms, 1),
        ["burst_p99_ms"] = Math.Round(BurstP99Ms, 1),
        ["failed_requests"] = SteadyFailed + BurstFailed,
        ["cpu_ms_per_request"] = Math.Round(CpuMsPerRequest, 2),
        ["deployables"] = Deployables.Count,
        ["servers"] = Servers.Count,
        ["lines_of_code"] = LinesOfCode,
        ["crash_down_s"] = Math.Round(Crash.DownSeconds, 1),
        ["crash_failed_percent"] = Math.Round(Crash.FailedPercent, 1),
        ["crash_lost"] = Crash.Lost,
    };
}
