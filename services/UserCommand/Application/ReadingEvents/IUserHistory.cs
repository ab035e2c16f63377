namespace Platform.UserCommand.Application.ReadingEvents;

/// <summary>Port to a user's stream as recorded, for audit and debugging.</summary>
public interface IUserHistory
{
    /// <summary>The events in stream order, or null when there is no such user.</summary>
    Task<IReadOnlyList<RecordedEvent>?> ReadAsync(Guid userId, CancellationToken cancellationToken);
}

public sealed record RecordedEvent(string Type, long Version, DateTimeOffset Timestamp, object Data);
