using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.UserCommand.Application.SigningIn;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.UserCommand.Api;

/// <summary>
/// <c>POST /connect/token</c>, after OpenIddict has validated the request (client, grant, scopes): who the token is for.
/// The password grant signs in an active account; client credentials stand for the client itself, with the roles it
/// was registered with; an authorization code (the pages') or a refresh token is honoured only while its account is
/// still active. Every access token says
/// who (<c>sub</c>), with which roles, for the Platform's API (audience <c>platform</c>).
/// </summary>
public static class TokenEndpoint
{
    public const string Audience = "platform";
    public const string RolesProperty = "roles";

    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", IssueAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> IssueAsync(
        HttpContext http, SignInHandler signIn, IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request was not read.");
        if (request.IsPasswordGrantType())
        {
            return await signIn.HandleAsync(request.Username, request.Password, ct) is { } account
                ? SignIn(account.UserId.ToString(), account.Roles, request.GetScopes())
                : Refuse(Errors.InvalidGrant, "The email or the password is not valid, or the account is not activated yet.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            var client = await applications.FindByClientIdAsync(request.ClientId!, ct) ?? throw new InvalidOperationException("The client vanished.");
            var properties = await applications.GetPropertiesAsync(client, ct);
            var roles = properties.TryGetValue(RolesProperty, out var stored) ? stored.Deserialize<string[]>() ?? [] : [];
            return SignIn(request.ClientId!, roles, request.GetScopes());
        }

        if (request.IsRefreshTokenGrantType() || request.IsAuthorizationCodeGrantType())
        {
            var refreshed = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = refreshed.Principal?.GetClaim(Claims.Subject);
            return Guid.TryParse(subject, out var userId) && await signIn.StillActiveAsync(userId, ct) is { } account
                ? SignIn(account.UserId.ToString(), account.Roles, refreshed.Principal!.GetScopes())
                : Refuse(Errors.InvalidGrant, "The account behind this code or refresh token can no longer sign in.");
        }

        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    /// <summary>The access token every grant and the authorization endpoint issue: who, with which roles, for the Platform's API.</summary>
    internal static IResult SignIn(string subject, IEnumerable<string> roles, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaims(Claims.Role, [.. roles]);
        identity.SetScopes(scopes).SetResources(Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
