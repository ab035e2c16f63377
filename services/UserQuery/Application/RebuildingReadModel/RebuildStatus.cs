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
/// Where a rebuild is: GET /api/admin/read-models/rebuild. <see cref="Position"/> is the history's cursor, a sequence
/// in each of the event store's databases (its shards); <see cref="HighestSequence"/> is how many sequences the store
/// had handed out at the last page; the rate is over the rebuild so far.
/// </summary>
public sealed record RebuildStatus(
    RebuildState State,
    string? Position,
    long HighestSequence,
    long EventsApplied,
    double EventsPerSecond,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    public static readonly RebuildStatus Idle = new(RebuildState.Idle, null, 0, 0, 0, null, null, null);

    public bool IsRunning => State is RebuildState.Replaying or RebuildState.Swapping;
}
