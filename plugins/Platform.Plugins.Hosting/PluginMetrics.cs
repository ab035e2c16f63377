using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Plugins.Hosting;

/// <summary>The hooks' calls and durations as OpenTelemetry metrics, tagged by plugin, hook and outcome (ok, refused, failed, timeout).</summary>
public sealed class PluginMetrics
{
    public const string MeterName = "Platform.Plugins";

    /// <summary>A span per hook call, so a request's trace shows what each plugin cost it.</summary>
    public static readonly ActivitySource Spans = new(MeterName);

    private readonly Counter<long> calls;
    private readonly Histogram<double> duration;

    public PluginMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        calls = meter.CreateCounter<long>("platform.plugin.hook.calls", description: "Hook calls by plugin, hook and outcome");
        duration = meter.CreateHistogram<double>("platform.plugin.hook.duration", unit: "ms", description: "How long hooks ran");
    }

    public void Record(string plugin, string hook, string outcome, TimeSpan took)
    {
        var tags = new TagList { { "plugin", plugin }, { "hook", hook }, { "outcome", outcome } };
        calls.Add(1, tags);
        duration.Record(took.TotalMilliseconds, tags);
    }
}
