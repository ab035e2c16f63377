using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Functions.Activator.Scaling;

/// <summary>
/// The activator's meter (Platform.Functions) and its traces: instances per function, requests in flight, cold starts
/// and their duration, scale events; each cold start is a span with the instance's spawn and ready, under the span of
/// the request that waited for it, which marks its first byte.
/// </summary>
public sealed class ActivatorMetrics
{
    public const string MeterName = "Platform.Functions";
    public static readonly ActivitySource Source = new(MeterName);

    private readonly Counter<long> coldStarts;
    private readonly Histogram<double> coldStartSeconds;
    private readonly Counter<long> scaleEvents;
    private readonly UpDownCounter<long> inFlight;

    public ActivatorMetrics(IMeterFactory meters, FunctionPools pools)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("platform.functions.instances",
            () => pools.All.Select(pool => new Measurement<int>(pool.Instances, new KeyValuePair<string, object?>("function", pool.Name))),
            description: "Running instances of each function, zero included");
        coldStarts = meter.CreateCounter<long>("platform.functions.cold_starts", description: "Instances started because a request found none, or too few");
        coldStartSeconds = meter.CreateHistogram<double>("platform.functions.cold_start.duration", "s", "From spawning an instance to its first ready answer");
        scaleEvents = meter.CreateCounter<long>("platform.functions.scale_events", description: "Instances added (up) and stopped (down)");
        inFlight = meter.CreateUpDownCounter<long>("platform.functions.in_flight", description: "Requests forwarded to an instance and not yet answered");
    }

    public void Started(string function, TimeSpan took)
    {
        coldStarts.Add(1, new KeyValuePair<string, object?>("function", function));
        coldStartSeconds.Record(took.TotalSeconds, new KeyValuePair<string, object?>("function", function));
        scaleEvents.Add(1, new KeyValuePair<string, object?>("function", function), new KeyValuePair<string, object?>("direction", "up"));
    }

    public void Stopped(string function) =>
        scaleEvents.Add(1, new KeyValuePair<string, object?>("function", function), new KeyValuePair<string, object?>("direction", "down"));

    public void Forwarding(string function, int delta) => inFlight.Add(delta, new KeyValuePair<string, object?>("function", function));
}
