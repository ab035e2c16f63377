using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Domain;

namespace Platform.Analytics.Api;

/// <summary>GET /api/analytics/metrics?from=&amp;to=&amp;granularity=minute|hour|day: counts per bucket and for the window.</summary>
public static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/analytics/metrics", QueryAsync)
            .WithTags("Analytics")
            .WithName("Metrics")
            .WithSummary("Registrations, email changes, orders, revenue and active users per minute, hour or day")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Results<Ok<MetricsAnswer>, ValidationProblem>> QueryAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? granularity, MetricsQuery query, CancellationToken ct)
    {
        if (!Enum.TryParse<Granularity>(granularity ?? nameof(Granularity.Minute), ignoreCase: true, out var width) || !Enum.IsDefined(width))
            return Invalid("granularity", "granularity must be minute, hour or day.");
        try
        {
            return TypedResults.Ok(await query.RunAsync(from, to, width, ct));
        }
        catch (MetricsQueryException invalid)
        {
            return Invalid("from", invalid.Message);
        }
    }

    private static ValidationProblem Invalid(string field, string reason) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [reason] });
}
