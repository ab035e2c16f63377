namespace Platform.Analytics.Application.RecomputingBatch;

public enum BatchRunState
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>One recomputation of the batch view, as GET /api/admin/analytics/batch reports it.</summary>
/// <param name="Trigger">"schedule", or "admin" for a run asked for at the admin route.</param>
/// <param name="Watermark">The watermark asked for, or the one chosen when the run started.</param>
/// <param name="EventsRead">Events read from the history so far.</param>
/// <param name="EventsCounted">Events before the watermark, counted into the published view.</param>
public sealed record BatchRun(
    Guid Id, string Trigger, BatchRunState State, DateTimeOffset RequestedAt, DateTimeOffset? Watermark,
    long EventsRead = 0, long EventsCounted = 0, DateTimeOffset? StartedAt = null, DateTimeOffset? FinishedAt = null, string? Error = null);
