using Platform.ServiceDefaults.Identity;
using Marten;
using Marten.Events;
using MassTransit;
using MassTransit.Courier.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore.Outbox;
using Platform.EventStore.Sharding;

namespace Platform.EventStore.History;

/// <summary>
/// The event store's history as the integration events its outbox publishes, in commit order within each of
/// the store's databases (a sharded store's shards, read one after another):
/// <c>GET /api/admin/event-store/history?after=&amp;limit=</c>, where <c>after</c> is the <see cref="HistoryCursor"/> the
/// previous page ended at (none: from the start). Each entry has the shape of the MassTransit envelope
/// the bus carries (message id = the stored event's id, message type URNs, message), so a reader of the bus reads the
/// history with the same code. user-query's read-model rebuild and analytics' batch layer read it; the gateway does not route it.
/// </summary>
public static class EventStoreHistory
{
    public const string Route = "/api/admin/event-store/history";

    /// <summary>The default store's history, at <see cref="Route"/>.</summary>
    /// <param name="formerRoutes">Routes a service served its history at before, answered the same way for now.</param>
    public static IEndpointRouteBuilder MapEventStoreHistory(this IEndpointRouteBuilder app, params string[] formerRoutes) =>
        app.MapEventStoreHistory<IDocumentStore>(formerRoutes.Prepend(Route).ToArray());

    /// <summary>
    /// <typeparamref name="TStore"/>'s history at <paramref name="routes"/>, read through the messages its outbox was
    /// registered with: a process with several stores serves each at routes of its own.
    /// </summary>
    public static IEndpointRouteBuilder MapEventStoreHistory<TStore>(this IEndpointRouteBuilder app, params string[] routes) where TStore : IDocumentStore
    {
        foreach (var route in routes.DefaultIfEmpty(Route))
            app.MapGet(route, (string? after, int? limit, HttpContext http, CancellationToken ct) => ReadAsync(after, limit,
                    http.RequestServices.GetRequiredService<TStore>(), http.RequestServices.GetRequiredKeyedService<IOutboxMessages>(typeof(TStore)), ct))
                .WithTags("Event store").ExcludeFromDescription().RequireServiceOrAdmin(); // rebuilds and analytics read it
        return app;
    }

    private static async Task<IResult> ReadAsync(
        string? after, int? limit, IDocumentStore store, IOutboxMessages messages, CancellationToken ct)
    {
        HistoryCursor cursor;
        try
        {
            cursor = HistoryCursor.Parse(after);
        }
        catch (FormatException malformed)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The history cursor is not one this service wrote", detail: malformed.Message);
        }
        var starting = string.IsNullOrWhiteSpace(after);
        var remaining = Math.Clamp(limit ?? 1_000, 1, 5_000);
        var types = messages.EventTypes.ToArray();
        var entries = new List<HistoryEntry>();
        var (highest, atEnd) = (0L, true);

        // Database by database, in a fixed order, until the page is full: a page short of the limit read everything.
        foreach (var (name, database) in await store.NamedDatabasesAsync())
        {
            var databaseHighest = await database.FetchHighestEventSequenceNumber(ct);
            var last = await database.HighWaterMarkAsync(ct);
            highest += databaseHighest;
            var position = cursor.Of(name);
            if (starting)
                position = position with { Target = databaseHighest };

            var read = position.After;
            if (remaining > 0 && position.After < last)
            {
                await using var session = store.QuerySession(Marten.Services.SessionOptions.ForDatabase(database));
                var stored = await session.Events.QueryAllRawEvents()
                    .Where(e => e.AnyTenant() && e.Sequence > position.After && e.Sequence <= last && e.EventTypesAre(types))
                    .OrderBy(e => e.Sequence)
                    .Take(remaining)
                    .ToListAsync(ct);
                entries.AddRange(stored
                    .Where(e => !CopiedEvent.IsCopy(e) || store.Options.Tenancy.IsTenantStoredInCurrentDatabase(database, e.TenantId)) // a move's copy counts once its bucket is here (ADR 0043)
                    .SelectMany(e => messages.ToMessages(e)
                        .Where(message => message is not RoutingSlip && messages.InHistory(message)) // a workflow's start is not an integration event
                        .Select(message => new HistoryEntry(e.Sequence, e.Id, [MessageUrn.ForTypeString(message.GetType())], message))));
                // The read stopped at the last event read when the page filled, or else at the high-water mark.
                read = stored.Count == remaining ? stored[^1].Sequence : last;
                remaining -= stored.Count;
            }
            atEnd &= read >= last;
            cursor = cursor.With(name, position with { After = read });
        }
        return Results.Ok(new HistoryPage(entries, cursor.ToString(), highest, cursor.HasReachedTargets, atEnd));
    }

    /// <param name="Next">The cursor to read the next page after (<see cref="HistoryCursor"/>).</param>
    /// <param name="HighestSequence">How many sequences the store's databases had handed out when the page was read, summed: for progress.</param>
    /// <param name="CaughtUp">Every database was read up to its highest sequence when the reader began (its first page).</param>
    /// <param name="AtEnd">Every database was read up to what is committed now: nothing more to read at the moment.</param>
    public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Events, string Next, long HighestSequence, bool CaughtUp, bool AtEnd);

    public sealed record HistoryEntry(long Sequence, Guid MessageId, IReadOnlyList<string> MessageType, object Message);
}
