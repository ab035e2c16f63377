using System.Diagnostics;
using OpenTelemetry;

namespace Platform.ServiceDefaults;

/// <summary>
/// Marks a span of <see cref="BackgroundWork"/> that failed or was slow as sampled when it ends, so that the
/// exporter, which runs after this processor and skips unsampled spans, sends it to the dashboard.
/// </summary>
public sealed class FailedOrSlowBackgroundWorkProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity span)
    {
        if (!span.Recorded && BackgroundWork.IsBackground(span.OperationName) && BackgroundWork.FailedOrSlow(span))
            span.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
    }
}
