using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Email.Application;
using Platform.Email.Application.ListingMails;
using Platform.ServiceDefaults.Identity;

namespace Platform.Email.Api;

/// <summary>
/// GET /api/emails?to=: what the service sent, or is still trying to send, to one address. A signed-in caller only
/// (401): an admin sees every mail to the address, a user only the mails sent there for them (none for another
/// user's address: an empty list, which tells nothing of whose the address is).
/// </summary>
public static class MailEndpoints
{
    private const int Limit = 100;

    public static IEndpointRouteBuilder MapMailQueries(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/emails", ListAsync)
            .WithTags("Emails")
            .WithName("ListEmails")
            .ProducesValidationProblem()
            .RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<MailStatus>>, ValidationProblem>> ListAsync(
        string? to, IMailLog mails, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(to) || to.Length > 320 || to.Any(char.IsControl))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["to"] = ["to must be the address whose mails to list (at most 320 characters)."],
            });
        var sentFor = http.User.IsAdmin() ? (Guid?)null : http.User.UserId() ?? Guid.Empty; // a client that is no user and no admin: nothing
        return TypedResults.Ok(await mails.ListToAsync(to.Trim(), sentFor, Limit, ct));
    }
}
