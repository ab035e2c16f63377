using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using Platform.UserCommand.Application.SigningIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.UserCommand.Api;

/// <summary>
/// The authorization code flow for the gateway's pages (ADR 0036): <c>/connect/authorize</c> asks a browser without a
/// session to sign in at <c>/connect/login</c> (email and password, the same check as the password grant), then
/// issues the code that the page exchanges, with its PKCE verifier, for its tokens.
/// </summary>
public static class SignInEndpoints
{
    private const string Scheme = SignInSession.Scheme;

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).ExcludeFromDescription();
        app.MapGet(SignInSession.LoginPath, (string? returnUrl, HttpContext http, IAntiforgery antiforgery) => Page(http, antiforgery, returnUrl, null))
            .ExcludeFromDescription();
        app.MapPost(SignInSession.LoginPath, LoginAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, SignInHandler signIn, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request was not read.");
        var session = await http.AuthenticateAsync(Scheme);
        if (!session.Succeeded || !Guid.TryParse(session.Principal.FindFirstValue(Claims.Subject), out var userId)
            || await signIn.StillActiveAsync(userId, ct) is not { } account)
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [Scheme]);

        return TokenEndpoint.SignIn(account.UserId.ToString(), account.Roles, request.GetScopes());
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http, IAntiforgery antiforgery,
        SignInHandler signIn, CancellationToken ct)
    {
        if (await signIn.HandleAsync(email, password, ct) is not { } account)
            return Page(http, antiforgery, returnUrl, "The email or the password is not valid, or the account is not activated yet.");
        var session = new ClaimsIdentity([new Claim(Claims.Subject, account.UserId.ToString())], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(session));
        return Results.Redirect(SafeReturn(returnUrl));
    }

    /// <summary>Only back into the authorization endpoint: the sign-in page is no open redirect.</summary>
    private static string SafeReturn(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal) ? returnUrl : "/";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? error)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Platform · sign in</title>
              <style>
                body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: #0f1419; color: #e6edf3; }
                main { max-width: 24rem; margin: 4rem auto; padding: 1.5rem; background: #182029; border: 1px solid #2d3a47; border-radius: 6px; }
                h1 { margin: 0 0 1rem; font-size: 1.25rem; } form { display: grid; gap: .4rem; }
                input { padding: .5rem; background: #0f1419; color: #e6edf3; border: 1px solid #2d3a47; border-radius: 4px; font: inherit; }
                button { margin-top: .8rem; padding: .6rem; background: #58a6ff; color: #0f1419; border: 0; border-radius: 4px; font: inherit; font-weight: 600; }
                #error { color: #f85149; }
              </style>
            </head>
            <body>
              <main>
                <h1>Sign in to Platform</h1>
                <p id="error" role="alert">{{WebUtility.HtmlEncode(error ?? "")}}</p>
                <form method="post" action="/connect/login">
                  <input type="hidden" name="{{token.FormFieldName}}" value="{{WebUtility.HtmlEncode(token.RequestToken)}}">
                  <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "")}}">
                  <label for="email">Email</label>
                  <input id="email" name="email" type="email" autocomplete="username" required>
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">Sign in</button>
                </form>
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: error is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }
}
