namespace Platform.UserQuery.Application.RebuildingReadModel;

public enum RebuildState
{
    Idle,
    Replaying,
    Swapping,
    Completed,
    Failed,
}

/// <summary>
/// Where a rebuild is: GET /api/admin/read-models/rebuild. <see cref="Position"/> and <see cref="LastSequence"/> are
/// event-store sequences (events done out of the total); the rate is over the rebuild so far.
/// </summary>
public sealed record RebuildStatus(
    RebuildState State,
    long Position,
    long LastSequence,
    long EventsApplied,
    double EventsPerSecond,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public static readonly RebuildStatus Idle = new(RebuildState.Idle, 0, 0, 0, 0, null, null, null);

    public bool IsRunning => State is RebuildState.Replaying or RebuildState.Swapping;
}
