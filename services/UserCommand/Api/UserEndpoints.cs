using Platform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults;
using Platform.EventStore.TimeTravel;
using Platform.EventStore.UnitOfWork;
using Platform.UserCommand.Application.ChangingEmail;
using Platform.UserCommand.Application.ErasingUser;
using Platform.UserCommand.Application.ReadingEvents;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Domain;

namespace Platform.UserCommand.Api;

/// <summary>
/// The write side of /api/users, and a user as it was (time travel, from the event store). Versions travel as ETags;
/// If-Match makes a change conditional.
/// </summary>
public static class UserEndpoints
{
    /// <summary>A registration sent again with the same key gets the first answer and registers nothing.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The registration at <paramref name="pattern"/>: user-command's POST /api/users, and the register-user function's POST / (ADR 0046).</summary>
    public static RouteHandlerBuilder MapRegistration(this IEndpointRouteBuilder routes, string pattern) =>
        routes.MapPost(pattern, RegisterAsync)
            .WithName("RegisterUser")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public static IEndpointRouteBuilder MapUserCommands(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");

        users.MapRegistration("/");

        // A user's own routes (issue 21): the user or an admin; anonymous 401. Another user may not change them (403)
        // and does not find their history (404, as if there were none). The user's own email change waits for the
        // code mailed to the new address (202, then /email/confirm); an admin's takes effect at once (200).
        users.MapPut("/{id:guid}/email", ChangeEmailAsync)
            .WithName("ChangeUserEmail")
            .RequireAuthorization()
            .Produces<UserVersionResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        users.MapPost("/{id:guid}/email/confirm", ConfirmEmailAsync)
            .WithName("ConfirmUserEmailChange")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // Erasure (ADR 0038): the user or an admin; the user's name and addresses are forgotten everywhere.
        users.MapDelete("/{id:guid}", EraseAsync)
            .WithName("EraseUser")
            .RequireAuthorization()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapGet("/{id:guid}/events", ReadEventsAsync)
            .WithName("GetUserEvents")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapTimeTravel<User, UserStateResponse>(UserStateResponse.From, mayRead: (http, id) => Task.FromResult(http.User.MayActFor(id)));

        return app;
    }

    private static async Task<Created<UserVersionResponse>> RegisterAsync(
        RegisterUserRequest? request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        RegisterUserHandler handler, HttpContext http, CancellationToken ct)
    {
        // No body is treated as an empty one, so the caller learns which fields are missing.
        var result = await handler.HandleAsync(new RegisterUser(request?.Name, request?.Email, idempotencyKey), ct);
        http.Response.Headers.ETag = EntityTag.For(result.Version);
        if (result.Replayed)
            http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/users/{result.Id}", UserVersionResponse.From(result));
    }

    private static async Task<Results<Ok<UserVersionResponse>, Accepted<UserVersionResponse>, ProblemHttpResult>> ChangeEmailAsync(
        Guid id, ChangeEmailRequest? request, [FromHeader(Name = "If-Match")] string? ifMatch,
        ChangeUserEmailHandler atOnce, EmailChangeHandlers confirmed, HttpContext http, CancellationToken ct)
    {
        if (!http.User.MayActFor(id))
            return NotYours("changes a user's email");
        var expected = EntityTag.ParseVersion(ifMatch);
        if (http.User.IsAdmin())
        {
            var changed = await atOnce.HandleAsync(new ChangeUserEmail(id, request?.Email, expected), ct);
            http.Response.Headers.ETag = EntityTag.For(changed.Version);
            return TypedResults.Ok(UserVersionResponse.From(changed));
        }
        var requested = await confirmed.RequestAsync(new RequestEmailChange(id, request?.Email, expected), ct);
        http.Response.Headers.ETag = EntityTag.For(requested.Version);
        return TypedResults.Accepted($"/api/users/{id}/email/confirm", UserVersionResponse.From(requested));
    }

    private static async Task<Results<Ok<UserVersionResponse>, ProblemHttpResult>> ConfirmEmailAsync(
        Guid id, ConfirmEmailRequest? request, EmailChangeHandlers handlers, HttpContext http, CancellationToken ct)
    {
        if (!http.User.MayActFor(id))
            return NotYours("confirms a user's email change");
        var result = await handlers.ConfirmAsync(new ConfirmEmailChange(id, request?.Code), ct);
        http.Response.Headers.ETag = EntityTag.For(result.Version);
        return TypedResults.Ok(UserVersionResponse.From(result));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(Guid id, EraseUserHandler handler, HttpContext http, CancellationToken ct)
    {
        if (!http.User.MayActFor(id))
            return NotYours("erases a user");
        await handler.HandleAsync(new EraseUser(id), ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotYours(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"Only the user themself or an admin {what}.");

    private static async Task<Ok<IEnumerable<UserEventResponse>>> ReadEventsAsync(
        Guid id, IUserHistory history, HttpContext http, CancellationToken ct)
    {
        if (!http.User.MayActFor(id))
            throw new StreamNotFoundException(nameof(User), id); // another user's history is not there for them
        var events = await history.ReadAsync(id, ct) ?? throw new StreamNotFoundException(nameof(User), id);
        return TypedResults.Ok(events.Select(UserEventResponse.From));
    }
}
