using System.Diagnostics;
using OpenTelemetry;

namespace Platform.ServiceDefaults;

/// <summary>
/// Marks a recorded but unsampled span as sampled when it ends if it failed (or, for <see cref="BackgroundWork"/>,
/// was slow), so that the exporter, which runs after this processor and skips unsampled spans, still sends it.
/// </summary>
public sealed class KeepFailedSpansProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity span)
    {
        if (span.Recorded)
            return;
        if (BackgroundWork.IsBackground(span.OperationName) ? BackgroundWork.FailedOrSlow(span) : Failed(span))
            span.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
    }

    private static bool Failed(Activity span) => span.Status == ActivityStatusCode.Error || span.Events.Any(e => e.Name == "exception");
}
