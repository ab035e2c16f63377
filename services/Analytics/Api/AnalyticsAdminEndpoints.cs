using Platform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Analytics.Application.RecomputingBatch;
using Platform.Analytics.Application.Replaying;

namespace Platform.Analytics.Api;

/// <summary>
/// The Lambda batch layer and the Kappa replay, run on request: each starts in the background (202) and reports its
/// progress at the same route (GET). The gateway lets only admin tokens through (ADR 0019).
/// </summary>
public static class AnalyticsAdminEndpoints
{
    public const string BatchRoute = "/api/admin/analytics/batch";
    public const string ReplayRoute = "/api/admin/analytics/replay";

    public static IEndpointRouteBuilder MapAnalyticsAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("").WithTags("Analytics admin").RequireAdmin();
        admin.MapPost(BatchRoute, RequestBatch)
            .WithName("RunBatch")
            .WithSummary("Recompute the batch view from every event store, up to a watermark (by default a whole minute behind the clock)")
            .ProducesValidationProblem();
        admin.MapGet(BatchRoute, BatchStatusAsync)
            .WithName("BatchStatus")
            .WithSummary("The batch view in force (its watermark), the schedule, and the latest runs");
        admin.MapPost(ReplayRoute, StartReplay)
            .WithName("Replay")
            .WithSummary("Rebuild the speed view by re-reading the log from a point in time, into a shadow swapped in at the end")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet(ReplayRoute, (KappaReplay replay) => TypedResults.Ok(replay.Status))
            .WithName("ReplayStatus")
            .WithSummary("The replay running, or the last one: events done and expected, rate, state");
        return app;
    }

    private static Results<Accepted<BatchRun>, ValidationProblem> RequestBatch(BatchRequest? request, BatchLayer batch)
    {
        try
        {
            return TypedResults.Accepted(BatchRoute, batch.Request(request?.Watermark));
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            return Invalid("watermark", invalid.Message);
        }
    }

    private static async Task<Ok<BatchStatus>> BatchStatusAsync(
        BatchLayer batch, IBatchView view, IOptions<BatchOptions> options, CancellationToken ct) =>
        TypedResults.Ok(new BatchStatus(await view.CurrentAsync(ct), options.Value.Period, options.Value.WatermarkLag, batch.NextScheduledAt, batch.Runs));

    private static Results<Accepted<ReplayStatus>, ValidationProblem, ProblemHttpResult> StartReplay(ReplayRequest? request, KappaReplay replay)
    {
        if (request?.From is not { } from)
            return Invalid("from", "from is required: the time to replay the log from.");
        try
        {
            return replay.TryStart(from, out var status)
                ? TypedResults.Accepted(ReplayRoute, status)
                : TypedResults.Problem(
                    $"A replay from {status.From:O} is running ({status.EventsDone} of {status.EventsExpected} events); wait for it to finish.",
                    statusCode: StatusCodes.Status409Conflict, title: "A replay is already running");
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            return Invalid("from", invalid.Message);
        }
    }

    private static ValidationProblem Invalid(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] });

    /// <param name="Watermark">Events before it are counted by the batch view; omitted, a whole minute behind the clock.</param>
    public sealed record BatchRequest(DateTimeOffset? Watermark);

    public sealed record ReplayRequest(DateTimeOffset? From);

    /// <param name="InForce">The batch view served now, or null before the first run (then the speed view serves everything).</param>
    public sealed record BatchStatus(BatchViewState? InForce, TimeSpan Period, TimeSpan WatermarkLag, DateTimeOffset? NextScheduledAt, IReadOnlyList<BatchRun> Runs);
}
