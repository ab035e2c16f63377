using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Admin;

/// <summary>
/// Every <c>/api/admin/*</c> route needs a bearer JWT with the <c>admin</c> role, signed (HS256) with the key the
/// AppHost passes as a secret parameter (ADR 0019). No token, or a bad one, gets 401; another role gets 403; both as
/// problem+json. <c>./admin-token.sh</c> mints a token for local use.
/// </summary>
public static class AdminAuthentication
{
    public const string Policy = "admin";
    public const string Role = "admin";
    public const string Issuer = "platform";
    public const string Audience = "platform-gateway";
    public const string SigningKeySetting = "Gateway:Admin:SigningKey";

    public static WebApplicationBuilder AddAdminAuthentication(this WebApplicationBuilder builder)
    {
        var key = builder.Configuration[SigningKeySetting];
        if (string.IsNullOrWhiteSpace(key) || Encoding.UTF8.GetByteCount(key) < 32)
            throw new InvalidOperationException(
                $"{SigningKeySetting} must be set to a key of at least 32 bytes: the AppHost passes its secret parameter admin-signing-key.");

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = Issuer,
                    ValidAudience = Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RoleClaimType = "role",
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                jwt.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse(); // keeps the WWW-Authenticate header, replaces the empty body
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Authentication required",
                            context.AuthenticateFailure is null
                                ? "Admin routes need a bearer token: mint one with ./admin-token.sh."
                                : "The bearer token is not valid (signature, issuer, audience or expiry).");
                    },
                    OnForbidden = context => WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                        $"Admin routes need the {Role} role, which this token does not carry."),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireRole(Role));
        return builder;
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
