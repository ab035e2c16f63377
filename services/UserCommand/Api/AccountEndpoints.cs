using Microsoft.AspNetCore.Http.HttpResults;
using Platform.UserCommand.Application.ActivatingAccount;

namespace Platform.UserCommand.Api;

public sealed record ActivateAccountRequest(string? Code, string? Password);

/// <summary><c>POST /api/users/{id}/activate</c>: the code from the welcome mail and a password activate the account, which may then sign in.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/users/{id:guid}/activate", ActivateAsync)
            .WithTags("Users")
            .WithName("ActivateAccount")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<NoContent> ActivateAsync(Guid id, ActivateAccountRequest? request, ActivateAccountHandler handler, CancellationToken ct)
    {
        await handler.HandleAsync(new ActivateAccount(id, request?.Code, request?.Password), ct);
        return TypedResults.NoContent();
    }
}
