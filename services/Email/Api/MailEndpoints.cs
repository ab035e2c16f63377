using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Email.Application;
using Platform.Email.Application.ListingMails;

namespace Platform.Email.Api;

/// <summary>GET /api/emails?to=: what the service sent, or is still trying to send, to one address.</summary>
public static class MailEndpoints
{
    private const int Limit = 100;

    public static IEndpointRouteBuilder MapMailQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/emails", ListAsync)
            .WithTags("Emails")
            .WithName("ListEmails")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<MailStatus>>, ValidationProblem>> ListAsync(
        string? to, IMailLog mails, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(to) || to.Length > 320 || to.Any(char.IsControl))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["to"] = ["to must be the address whose mails to list (at most 320 characters)."],
            });
        return TypedResults.Ok(await mails.ListToAsync(to.Trim(), Limit, ct));
    }
}
