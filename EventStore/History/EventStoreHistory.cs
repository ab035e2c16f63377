using Platform.ServiceDefaults.Identity;
using Marten;
using Marten.Events;
using MassTransit;
using MassTransit.Courier.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore.Outbox;

namespace Platform.EventStore.History;

/// <summary>
/// The event store's history as the integration events its outbox publishes, in commit order:
/// <c>GET /api/admin/event-store/history?after=&amp;limit=</c>. Each entry has the shape of the MassTransit envelope
/// the bus carries (message id = the stored event's id, message type URNs, message), so a reader of the bus reads the
/// history with the same code. user-query's read-model rebuild and analytics' batch layer read it; the gateway does not route it.
/// </summary>
public static class EventStoreHistory
{
    public const string Route = "/api/admin/event-store/history";

    /// <param name="formerRoutes">Routes a service served its history at before, answered the same way for now.</param>
    public static IEndpointRouteBuilder MapEventStoreHistory(this IEndpointRouteBuilder app, params string[] formerRoutes)
    {
        foreach (var route in formerRoutes.Prepend(Route))
            app.MapGet(route, ReadAsync).WithTags("Event store").ExcludeFromDescription().RequireServiceOrAdmin(); // rebuilds and analytics read it
        return app;
    }

    private static async Task<HistoryPage> ReadAsync(
        long? after, int? limit, IDocumentStore store, IOutboxMessages messages, CancellationToken ct)
    {
        var highest = await store.Storage.Database.FetchHighestEventSequenceNumber(ct);
        var last = await store.HighWaterMarkAsync(ct);
        var from = Math.Max(0, after ?? 0);
        var types = messages.EventTypes.ToArray();
        await using var session = store.QuerySession();
        var stored = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > from && e.Sequence <= last && e.EventTypesAre(types))
            .OrderBy(e => e.Sequence)
            .Take(Math.Clamp(limit ?? 1_000, 1, 5_000))
            .ToListAsync(ct);
        var entries = stored
            .SelectMany(e => messages.ToMessages(e)
                .Where(message => message is not RoutingSlip && messages.InHistory(message)) // a workflow's start is not an integration event
                .Select(message => new HistoryEntry(e.Sequence, e.Id, [MessageUrn.ForTypeString(message.GetType())], message)))
            .ToList();
        // The page ends where the read stopped: at the last stored event read, or at the high-water mark if none was left.
        var end = stored.Count > 0 ? stored[^1].Sequence : last;
        return new HistoryPage(entries, end, highest);
    }

    /// <param name="Next">Read the next page after this sequence.</param>
    /// <param name="HighestSequence">The newest sequence when the page was read: a reader that wants everything committed before it began pages until <paramref name="Next"/> reaches it.</param>
    public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Events, long Next, long HighestSequence);

    public sealed record HistoryEntry(long Sequence, Guid MessageId, IReadOnlyList<string> MessageType, object Message);
}
