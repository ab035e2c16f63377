namespace Platform.Analytics.Application.CountingEvents;

/// <summary>
/// The speed layer's store: counters per minute, updated event by event. Counting is exactly once because an event's
/// id and the log offset it was read at are stored in the same transaction as its counts.
/// </summary>
public interface ISpeedView
{
    /// <summary>The offset of the last event counted, or null before the first: reading resumes after it.</summary>
    Task<long?> LastOffsetAsync(CancellationToken ct);

    /// <summary>Counts the events (those whose id was counted before change nothing) and records <paramref name="offset"/>, in one transaction.</summary>
    Task CountAsync(IReadOnlyList<LoggedEvent> events, long offset, CancellationToken ct);
}
