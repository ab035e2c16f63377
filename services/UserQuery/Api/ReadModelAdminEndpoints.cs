using Platform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.UserQuery.Application.RebuildingReadModel;

namespace Platform.UserQuery.Api;

/// <summary>POST /api/admin/read-models/rebuild starts a rebuild; GET on the same route follows it.</summary>
public static class ReadModelAdminEndpoints
{
    private const string Route = "/api/admin/read-models/rebuild";

    public static IEndpointRouteBuilder MapReadModelAdmin(this IEndpointRouteBuilder app)
    {
        var rebuild = app.MapGroup(Route).WithTags("Admin").RequireAdmin();
        rebuild.MapPost("/", Start).WithName("RebuildReadModels").ProducesProblem(StatusCodes.Status409Conflict);
        rebuild.MapGet("/", (ReadModelRebuild rebuild) => TypedResults.Ok(rebuild.Status)).WithName("GetRebuildStatus");
        return app;
    }

    private static Results<Accepted<RebuildStatus>, ProblemHttpResult> Start(ReadModelRebuild rebuild) =>
        rebuild.TryStart()
            ? TypedResults.Accepted(Route, rebuild.Status)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A rebuild is running",
                detail: $"Follow it at GET {Route}; start another once it has finished.");
}
