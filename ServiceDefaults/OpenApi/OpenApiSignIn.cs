using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.OpenApi;

/// <summary>
/// Every OpenAPI document says how to get a token, so that /docs can sign in and "try it" sends the token:
/// <list type="bullet">
/// <item><c>sign-in</c>: OAuth2's authorization code flow at the identity server (ADR 0036), which the reference at /docs
/// runs with the public client <c>platform-pages</c> and PKCE;</item>
/// <item><c>bearer</c>: a token got elsewhere, pasted (the password grant of <c>platform-cli</c>, or <c>./admin-token.sh</c>).</item>
/// </list>
/// An operation whose endpoint asks for authorization requires either; the others need none. The URLs are relative:
/// the server is the gateway, which serves the identity server's endpoints.
/// </summary>
public static class OpenApiSignIn
{
    public const string SignInScheme = "sign-in";
    public const string BearerScheme = "bearer";
    private const string Scope = Identity.BearerTokenExtensions.Scope;

    /// <summary>Each service's one document, with the schemes above.</summary>
    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.DescribeSignIn());

    public static OpenApiOptions DescribeSignIn(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SignInScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Sign in with your email and password (an account activated through its welcome mail).",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri("/connect/authorize", UriKind.Relative),
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = new Dictionary<string, string> { [Scope] = "The Platform's API" },
                    },
                },
            };
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token: the password grant (client_id=platform-cli) at /connect/token, or ./admin-token.sh for an admin's.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
                return Task.CompletedTask;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SignInScheme, context.Document)] = [Scope] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
            return Task.CompletedTask;
        });
        return options;
    }
}
