using Microsoft.OpenApi;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.OpenApi;
using Scalar.AspNetCore;
using Yarp.ReverseProxy;

namespace Platform.Gateway.Docs;

/// <summary>
/// One API reference for the whole system at <c>/docs</c> (Scalar): the gateway's own document (the control plane)
/// and each service's, which YARP fetches from the service. The services' documents are the routes named
/// <c>openapi-{service}</c> in appsettings.json: a service added there is in the reference, with no list to keep here.
/// "Try it" sends requests to the gateway, the only public entry point, with the token of a sign-in through the
/// authorization code flow (the documents' <c>sign-in</c> scheme, <see cref="OpenApiSignIn"/>), or a token pasted.
/// </summary>
public static class ApiDocs
{
    public const string GatewayDocument = "gateway";
    private const string DocumentRoutePrefix = "openapi-";

    /// <summary>The identity server's client for the gateway's pages (as signin.js), registered by user-command.</summary>
    private const string PagesClient = "platform-pages";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(GatewayDocument, openApi => openApi.DescribeSignIn().AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Gateway control plane", Version = "v1" };
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", (options, context) =>
        {
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            options.WithTitle("Platform API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddServer(origin, "The gateway")
                .AddPreferredSecuritySchemes(OpenApiSignIn.SignInScheme)
                .AddAuthorizationCodeFlow(OpenApiSignIn.SignInScheme, flow => flow
                    .WithClientId(PagesClient)
                    .WithPkce(Pkce.Sha256)
                    .WithRedirectUri($"{origin}/signed-in") // as registered for the client; signed-in.js leaves the code to this page
                    .WithCredentialsLocation(CredentialsLocation.Body) // a public client sends its id in the body, with no secret
                    .WithSelectedScopes([ServiceDefaults.Identity.BearerTokenExtensions.Scope]));
            var services = context.RequestServices.GetRequiredService<IProxyStateLookup>().GetRoutes()
                .Select(route => route.Config.RouteId)
                .Where(id => id.StartsWith(DocumentRoutePrefix, StringComparison.Ordinal))
                .Select(id => id[DocumentRoutePrefix.Length..])
                .Order()
                .ToList();
            foreach (var service in services)
                options.AddDocument(service, service, isDefault: service == services[0]);
            options.AddDocument(GatewayDocument, "gateway (control plane)");
        });
        return app;
    }
}
