using Marten;
using Platform.Contracts.Users.V1;
using Platform.EventStore;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.ReplayingEvents;
using Platform.UserCommand.Infrastructure.Outbox;

namespace Platform.UserCommand.Infrastructure.EventStore;

/// <summary>Reads the history up to the async daemon's high-water mark, so that paging never passes an event that commits later.</summary>
public sealed class MartenUserEventReplay(IQuerySession session, IDocumentStore store) : IUserEventReplay
{
    public async Task<UserEventPage> ReadAsync(long after, int limit, CancellationToken cancellationToken)
    {
        var last = await store.HighWaterMarkAsync(cancellationToken);
        var stored = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Sequence <= last)
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var events = stored
            .Select(e => IntegrationEvents.ToContract(e) switch
            {
                UserRegistered registered => new ReplayedUserEvent(e.Sequence, Registered: registered),
                UserEmailChanged changed => new ReplayedUserEvent(e.Sequence, EmailChanged: changed),
                _ => null,
            })
            .OfType<ReplayedUserEvent>()
            .ToList();
        return new UserEventPage(events, last);
    }
}
