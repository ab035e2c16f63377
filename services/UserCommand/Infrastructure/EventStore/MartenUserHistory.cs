using Platform.UserCommand.Infrastructure.Sharding;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.ReadingEvents;

namespace Platform.UserCommand.Infrastructure.EventStore;

public sealed class MartenUserHistory(BucketSessions sessions) : IUserHistory
{
    public async Task<IReadOnlyList<RecordedEvent>?> ReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var events = await sessions.For(userId).Events.FetchStreamAsync(userId, token: cancellationToken);
        return events.Count == 0
            ? null
            : events.Select(e => new RecordedEvent(e.EventType.Name, e.Version, e.Timestamp, e.Data)).ToList();
    }
}
