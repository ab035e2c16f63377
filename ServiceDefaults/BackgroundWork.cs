using System.Diagnostics;

namespace Platform.ServiceDefaults;

/// <summary>
/// Spans of machinery that runs on its own: Marten's async daemon polls PostgreSQL for its high-water mark ten
/// times a second, idle or not, and opens a trace of its own for every page of events it hands a subscription.
/// Exported, they bury the users' traces on the dashboard (and cost it CPU), so only such a span that failed or
/// was slow is exported. The work a user caused is not lost: the outbox forwarder continues the user's own trace.
/// </summary>
public static class BackgroundWork
{
    /// <summary>A poll's span includes its wait for the next poll (at most 100 ms here), so "slow" starts well above that.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);

    /// <summary>How the platform names a span of its own periodic work (a heartbeat), so that it is background too.</summary>
    public const string Prefix = "background ";

    /// <summary>
    /// "marten.daemon.highwatermark"; "marten.{subscription}.{shard}.page.loading|grouping|execution"; the platform's own
    /// "background …" (<see cref="Start"/>), under which a heartbeat's sends and their consumers stay unsampled too.
    /// </summary>
    public static bool IsBackground(string spanName) =>
        spanName.StartsWith(Prefix, StringComparison.Ordinal)
        || (spanName.StartsWith("marten.", StringComparison.Ordinal)
            && (spanName.StartsWith("marten.daemon.", StringComparison.Ordinal) || spanName.Contains(".page.", StringComparison.Ordinal)));

    /// <summary>
    /// A query that starts a trace of its own, under no request, consumer or background span: machinery by definition
    /// (Marten's leader election in HotCold mode keeps its advisory-lock connection alive this way, every few seconds).
    /// A user's queries always run under their request's span.
    /// </summary>
    public static bool IsBareQuery(in OpenTelemetry.Trace.SamplingParameters parameters) =>
        parameters.ParentContext.TraceId == default && parameters.Kind == ActivityKind.Client && parameters.Name == "postgresql";

    /// <summary>A root span for a round of periodic work: recorded, exported only if it fails or is slow.</summary>
    public static Activity? Start(string work) => PlatformActivity.Source.StartActivity(Prefix + work, ActivityKind.Internal, parentContext: default);

    public static bool FailedOrSlow(Activity span) =>
        span.Status == ActivityStatusCode.Error
        || span.Events.Any(e => e.Name == "exception")
        || span.Duration >= Slow;
}
