using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// The Platform's access tokens, checked where they arrive (the gateway, and each service): ES256 JWTs issued by the
/// OpenID Connect server in user-command (ADR 0036), for the audience <c>platform</c>, within their lifetime, signed by
/// a key of the server's JWKS. The role is the <c>role</c> claim, the caller the <c>sub</c>. No token or a bad one is
/// 401 and a missing role 403, both as problem+json.
/// </summary>
public static class BearerTokenExtensions
{
    public const string Audience = "platform";

    /// <summary>The API scope a client asks for; the identity server grants the audience above with it.</summary>
    public const string Scope = "platform";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    /// <summary>The section: <c>Issuer</c> (the gateway's public address, as the server issues) and <c>Server</c> (where the server is reached from inside).</summary>
    public const string Section = "Identity";

    public static AuthenticationBuilder AddPlatformBearerTokens(this IHostApplicationBuilder builder, string? hint = null)
    {
        var issuer = builder.Configuration[$"{Section}:Issuer"] ?? builder.Configuration[$"{Section}:PublicAddress"]
            ?? throw new InvalidOperationException($"{Section}:Issuer is not set: the AppHost passes the gateway's public address.");
        var server = new Uri(builder.Configuration[$"{Section}:Server"] ?? "http://user-command/");

        var authentication = builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = issuer,
                ValidAudience = Audience,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                RoleClaimType = RoleClaim,
                NameClaimType = SubjectClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = QueryStringTokens.FromHubQuery, // a browser's WebSocket to a hub
                OnChallenge = async context =>
                {
                    context.HandleResponse(); // keeps the WWW-Authenticate header, replaces the empty body
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required",
                        context.AuthenticateFailure is null
                            ? $"This route needs a bearer token{hint}."
                            : "The bearer token is not valid (signature, issuer, audience or expiry).");
                },
                OnForbidden = context => WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                    "The bearer token does not carry the role this route needs."),
            };
        });
        // The keys come from the server itself, through an HTTP client that knows the services by name.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IHttpClientFactory>((jwt, clients) =>
            jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                new Uri(server, ".well-known/openid-configuration").ToString(), new IdentityServerConfiguration(clients.CreateClient("identity-server"), server)));
        return authentication;
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
