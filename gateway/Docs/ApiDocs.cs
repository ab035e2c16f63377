using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Yarp.ReverseProxy;

namespace Platform.Gateway.Docs;

/// <summary>
/// One API reference for the whole system at <c>/docs</c> (Scalar): the gateway's own document (the control plane)
/// and each service's, which YARP fetches from the service. The services' documents are the routes named
/// <c>openapi-{service}</c> in appsettings.json: a service added there is in the reference, with no list to keep here.
/// "Try it" sends requests to the gateway, the only public entry point.
/// </summary>
public static class ApiDocs
{
    public const string GatewayDocument = "gateway";
    private const string DocumentRoutePrefix = "openapi-";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(GatewayDocument, openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Gateway control plane", Version = "v1" };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An admin token: ./admin-token.sh",
            };
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", (options, context) =>
        {
            options.WithTitle("Platform API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddServer($"{context.Request.Scheme}://{context.Request.Host}", "The gateway");
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
