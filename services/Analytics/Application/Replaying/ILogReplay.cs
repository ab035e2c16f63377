using Platform.Analytics.Application.CountingEvents;

namespace Platform.Analytics.Application.Replaying;

/// <summary>The durable log, re-read from a point in time.</summary>
public interface ILogReplay
{
    /// <summary>
    /// The log from its first entry at <paramref name="from"/> by the log's own clock (which may begin somewhat
    /// earlier), batch by batch, until cancelled. A batch with no offset says nothing arrived for a while: the reader
    /// has reached the end of the log as it stands.
    /// </summary>
    IAsyncEnumerable<ReplayBatch> ReadFromAsync(DateTimeOffset from, CancellationToken ct);
}

/// <param name="Events">The batch's events that analytics counts.</param>
/// <param name="FirstOffset">The offset of the batch's first entry (counted or not); null for an idle batch.</param>
/// <param name="LastOffset">The offset of the batch's last entry; null for an idle batch.</param>
public sealed record ReplayBatch(IReadOnlyList<LoggedEvent> Events, long? FirstOffset, long? LastOffset)
{
    public static ReplayBatch Idle { get; } = new([], null, null);
}
