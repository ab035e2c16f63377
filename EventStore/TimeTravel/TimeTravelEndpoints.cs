using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.EventStore.UnitOfWork;

namespace Platform.EventStore.TimeTravel;

/// <summary>
/// Time travel on an aggregate's routes: <c>GET {id}/as-of?at=|version=</c> (the state as it was, its version and
/// the time of its last event) and <c>GET {id}/changes?from=&amp;to=</c> (the events between two instants and the
/// field-by-field difference of the two states). Instants are recorded time: when the event store committed an event.
/// </summary>
public static class TimeTravelEndpoints
{
    /// <param name="view">The state as the API shows it; the difference compares these views.</param>
    /// <param name="listKeys">Lists compared by a key rather than by position: list name → key member (camelCase).</param>
    /// <param name="mayRead">
    /// Whether the caller may see this aggregate's past: with it, the routes need a signed-in caller (401 otherwise),
    /// and one who may not read it finds nothing there (404, as for an aggregate that does not exist).
    /// </param>
    public static RouteGroupBuilder MapTimeTravel<TState, TView>(
        this RouteGroupBuilder group, Func<TState, TView> view, IReadOnlyDictionary<string, string>? listKeys = null,
        Func<HttpContext, Guid, Task<bool>>? mayRead = null) where TState : class
    {
        var kind = typeof(TState).Name;
        var keys = listKeys ?? new Dictionary<string, string>();

        group.MapGet("/{id:guid}/as-of", async (Guid id, DateTimeOffset? at, long? version, IAggregateHistory<TState> history, TimeProvider clock, CancellationToken ct) =>
            {
                var past = (at, version) switch
                {
                    ({ } instant, null) => await history.AsOfAsync(id, NotInTheFuture(instant, clock, "at"), ct)
                        ?? throw new NotAtThatPointException(kind, id, $"at or before {instant:O}: its stream began later, or never"),
                    (null, > 0 and var v) => await history.AtVersionAsync(id, v, ct)
                        ?? throw new NotAtThatPointException(kind, id, $"at version {v}: its stream is shorter, or does not exist"),
                    (null, { }) => throw new BadHttpRequestException("version counts events from 1."),
                    _ => throw new BadHttpRequestException("Give either at= (an instant, such as 2026-12-05T13:00:00.000000Z) or version= (a number from 1)."),
                };
                return TypedResults.Ok(new PastStateResponse<TView>(id, past.Version, past.LastEventAt, view(past.State)));
            })
            .WithName($"Get{kind}AsOf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .OnlyFor(kind, mayRead);

        group.MapGet("/{id:guid}/changes", async (Guid id, DateTimeOffset? from, DateTimeOffset? to, IAggregateHistory<TState> history,
                TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var until = to is { } end ? NotInTheFuture(end, clock, "to") : clock.GetUtcNow();
                if (from is { } start && NotInTheFuture(start, clock, "from") > until)
                    throw new BadHttpRequestException($"from ({start:O}) is after to ({until:O}).");
                var after = await history.AsOfAsync(id, until, ct)
                    ?? throw new NotAtThatPointException(kind, id, $"at or before {until:O}: its stream began later, or never");
                var before = from is { } since ? await history.AsOfAsync(id, since, ct) : null;
                var events = await history.EventsBetweenAsync(id, from, until, ct);
                var differences = StateDifference.Between(
                    Json(before, view, json.Value.SerializerOptions), Json(after, view, json.Value.SerializerOptions), keys);
                return TypedResults.Ok(new ChangesResponse(id, from, until, before?.Version ?? 0, after.Version,
                    [.. events.Select(e => new ChangedEvent(e.Version, e.Type, e.RecordedAt, e.Data))],
                    [.. differences.Select(d => new FieldChangeResponse(d.Field, d.Before, d.After))]));
            })
            .WithName($"Get{kind}Changes")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .OnlyFor(kind, mayRead);

        return group;
    }

    private static RouteHandlerBuilder OnlyFor(this RouteHandlerBuilder endpoint, string kind, Func<HttpContext, Guid, Task<bool>>? mayRead) =>
        mayRead is null
            ? endpoint
            : endpoint.RequireAuthorization().AddEndpointFilter(async (context, next) =>
            {
                var id = context.GetArgument<Guid>(0);
                return await mayRead(context.HttpContext, id) ? await next(context) : throw new StreamNotFoundException(kind, id);
            });

    private static DateTimeOffset NotInTheFuture(DateTimeOffset instant, TimeProvider clock, string name) =>
        instant <= clock.GetUtcNow()
            ? instant
            : throw new BadHttpRequestException($"{name} ({instant:O}) is in the future: time travel goes back only.");

    private static JsonNode? Json<TState, TView>(PastState<TState>? past, Func<TState, TView> view, JsonSerializerOptions options) where TState : class =>
        past is null ? null : JsonSerializer.SerializeToNode(view(past.State), options);

    public sealed record PastStateResponse<TView>(Guid Id, long Version, DateTimeOffset LastEventAt, TView State);

    public sealed record ChangesResponse(
        Guid Id, DateTimeOffset? From, DateTimeOffset To, long FromVersion, long ToVersion,
        IReadOnlyList<ChangedEvent> Events, IReadOnlyList<FieldChangeResponse> Changes);

    public sealed record ChangedEvent(long Version, string Type, DateTimeOffset RecordedAt, object Data);

    public sealed record FieldChangeResponse(string Field, JsonNode? Before, JsonNode? After);
}
