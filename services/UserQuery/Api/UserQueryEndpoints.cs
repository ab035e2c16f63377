using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.UserQuery.Application;
using Platform.UserQuery.Application.SearchingUsers;
using Platform.UserQuery.Application.CountingUsers;
using Platform.ServiceDefaults.Identity;

namespace Platform.UserQuery.Api;

/// <summary>
/// The read side of /api/users, served from the profile read model. A profile answers anyone, without its email; the
/// user themself or an admin gets it whole. A user's statistics are theirs or an admin's (404 for another user, 401
/// without a token). The search finds names for anyone; emails, and searching on them, are an admin's (issue 21).
/// </summary>
public static class UserQueryEndpoints
{
    public static IEndpointRouteBuilder MapUserQueries(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");

        users.MapGet("/{id:guid}", GetAsync)
            .WithName("GetUser")
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapGet("/{id:guid}/stats", GetStatisticsAsync)
            .WithName("GetUserStatistics")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapGet("/stats", GetGlobalStatisticsAsync)
            .WithName("GetGlobalStatistics")
            .ProducesValidationProblem();

        users.MapGet("/", SearchAsync)
            .WithName("SearchUsers")
            .ProducesValidationProblem();

        return app;
    }

    private static async Task<Results<Ok<UserProfile>, Ok<PublicProfile>, ProblemHttpResult>> GetAsync(
        Guid id, IUserProfiles profiles, HttpContext http, CancellationToken ct) =>
        await profiles.FindAsync(id, ct) switch
        {
            null => NotFound(id),
            var profile when http.User.MayActFor(id) => TypedResults.Ok(profile),
            var profile => TypedResults.Ok(PublicProfile.Of(profile)),
        };

    private static async Task<Results<Ok<UserStatistics>, ProblemHttpResult>> GetStatisticsAsync(
        Guid id, IUserProfiles profiles, HttpContext http, CancellationToken ct) =>
        http.User.MayActFor(id) && await profiles.FindAsync(id, ct) is { } profile ? TypedResults.Ok(UserStatistics.Of(profile)) : NotFound(id);

    private static async Task<Results<Ok<GlobalStatistics>, ValidationProblem>> GetGlobalStatisticsAsync(
        int? days, IUserProfiles profiles, CancellationToken ct)
    {
        var window = days ?? GlobalStatistics.DefaultDays;
        if (window is < 1 or > GlobalStatistics.MaxDays)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["days"] = [$"days must be between 1 and {GlobalStatistics.MaxDays}."],
            });
        return TypedResults.Ok(await profiles.StatisticsAsync(window, ct));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found",
            detail: $"User '{id}' does not exist, or its registration has not reached the read model yet.");

    /// <summary>A full page carries a Link header to the next one (keyset, by <c>after</c>), as deep as the results go.</summary>
    private static async Task<Results<Ok<IReadOnlyList<UserProfile>>, Ok<PublicProfile[]>, ValidationProblem>> SearchAsync(
        string? search, int? limit, int? offset, string? after, IUserProfiles profiles, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SearchPosition.TryParse(after, out var position))
            errors["after"] = ["after must be the cursor of a previous page's Link header."];
        var admin = http.User.IsAdmin();
        var query = new UserSearch(search?.Trim(), limit ?? UserSearch.DefaultLimit, offset ?? 0, position, InEmails: admin);
        if (query.Limit is < 1 or > UserSearch.MaxLimit)
            errors["limit"] = [$"limit must be between 1 and {UserSearch.MaxLimit}."];
        if (query.Offset < 0)
            errors["offset"] = ["offset must not be negative."];
        if (query.Text?.Any(char.IsControl) == true)
            errors["search"] = ["search must not contain control characters."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var page = await profiles.SearchAsync(query, ct);
        if (page.Count == query.Limit)
        {
            var next = QueryString.Create(new Dictionary<string, string?>
            {
                ["search"] = query.Text ?? "",
                ["limit"] = query.Limit.ToString(CultureInfo.InvariantCulture),
                ["after"] = SearchPosition.Of(page[^1]).ToCursor(),
            });
            http.Response.Headers.Link = $"</api/users{next}>; rel=\"next\"";
        }
        return admin ? TypedResults.Ok(page) : TypedResults.Ok(page.Select(PublicProfile.Of).ToArray());
    }
}
