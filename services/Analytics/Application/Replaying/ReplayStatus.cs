namespace Platform.Analytics.Application.Replaying;

public enum ReplayState
{
    Idle,
    Replaying,
    CatchingUp,
    Swapping,
    Completed,
    Failed,
}

/// <summary>What GET /api/admin/analytics/replay reports: the replay running or the last one.</summary>
/// <param name="EventsDone">Events from <paramref name="From"/> on, replayed into the shadow view.</param>
/// <param name="EventsExpected">What the live view held from <paramref name="From"/> on when the replay began, plus what has arrived since.</param>
/// <param name="EventsPerSecond">Replayed events per second of the replay so far.</param>
/// <param name="LogOffset">The last log offset the replay has read.</param>
public sealed record ReplayStatus(
    ReplayState State, DateTimeOffset? From = null, long EventsDone = 0, long EventsExpected = 0, double EventsPerSecond = 0,
    long? LogOffset = null, DateTimeOffset? StartedAt = null, DateTimeOffset? FinishedAt = null, string? Error = null);
