using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Admin;

namespace Platform.Gateway.DeadLetters;

/// <summary>
/// <c>GET /api/admin/dead-letters</c>: every error queue with its count and the first messages' reasons;
/// <c>POST /api/admin/dead-letters/{queue}/redrive</c>: moves them back once the cause is fixed (ADR 0023).
/// </summary>
public static class DeadLetterEndpoints
{
    private const int Peek = 5;

    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/dead-letters").RequireAuthorization(AdminAuthentication.Policy).WithTags("Dead letters");
        admin.MapGet("/", (DeadLetterQueues queues, CancellationToken ct) => queues.ListAsync(Peek, ct))
            .WithSummary("Every error queue: its count, its source queue, and why its first messages failed");
        admin.MapPost("/{queue}/redrive", RedriveAsync)
            .WithSummary("Moves the messages in an error queue back to the queue they failed in, with RabbitMQ's shovel")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Accepted<Redrive>, ProblemHttpResult>> RedriveAsync(string queue, DeadLetterQueues queues, CancellationToken ct) =>
        await queues.RedriveAsync(queue, ct) is { } redrive
            ? TypedResults.Accepted("/api/admin/dead-letters", redrive)
            : TypedResults.Problem($"'{queue}' is not an error queue whose source queue exists.", statusCode: StatusCodes.Status404NotFound,
                title: "No such dead-letter queue");
}
