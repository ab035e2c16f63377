namespace Platform.Benchmarks.Suite;

/// <summary>A rate with its unit ("reg/s", "msg/s").</summary>
public sealed record Rate(double PerSecond, string Unit)
{
    public override string ToString() => $"{PerSecond:N0} {Unit}";
}

/// <summary>
/// One line of the results: what the system did, what its raw floor did in the same run at the same load, and
/// the ratio between them. Latencies are the system's; <see cref="Note"/> says what else the reader needs.
/// </summary>
public sealed record ScenarioResult(
    string Scenario, string Load, Rate System, Rate Floor, string FloorName,
    double? P50Ms = null, double? P99Ms = null, int Errors = 0, string Note = "", double? FloorP50Ms = null, double? FloorP99Ms = null)
{
    public double Ratio => System.PerSecond / Floor.PerSecond;

    public static ScenarioResult Of(string scenario, string load, LoadResult system, string unit, LoadResult floor, string floorUnit, string floorName, string note = "") =>
        new(scenario, load, new Rate(system.PerSecond, unit), new Rate(floor.PerSecond, floorUnit), floorName,
            Percentile.Of(system.LatenciesMs, 50), Percentile.Of(system.LatenciesMs, 99), system.Failed, note,
            Percentile.Of(floor.LatenciesMs, 50), Percentile.Of(floor.LatenciesMs, 99));
}
