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

    /// <summary>"marten.daemon.highwatermark"; "marten.{subscription}.{shard}.page.loading|grouping|execution".</summary>
    public static bool IsBackground(string spanName) =>
        spanName.StartsWith("marten.", StringComparison.Ordinal)
        && (spanName.StartsWith("marten.daemon.", StringComparison.Ordinal) || spanName.Contains(".page.", StringComparison.Ordinal));

    public static bool FailedOrSlow(Activity span) =>
        span.Status == ActivityStatusCode.Error
        || span.Events.Any(e => e.Name == "exception")
        || span.Duration >= Slow;
}
