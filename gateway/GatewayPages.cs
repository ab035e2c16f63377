namespace Platform.Gateway;

/// <summary>The gateway's own pages, static files from wwwroot served at paths without an extension.</summary>
public static class GatewayPages
{
    public static IEndpointRouteBuilder MapGatewayPages(this IEndpointRouteBuilder app)
    {
        app.MapPage("/topology", "topology.html"); // asks for an admin token, then polls GET /api/admin/topology
        app.MapPage("/analytics", "analytics.html"); // public, as the metrics it shows: GET /api/analytics/live
        app.MapPage("/activate", "activate.html"); // from the welcome mail's link: a password for POST /api/users/{id}/activate
        return app;
    }

    private static void MapPage(this IEndpointRouteBuilder app, string path, string file) =>
        app.MapGet(path, (IWebHostEnvironment host) =>
                Results.File(host.WebRootFileProvider.GetFileInfo(file).CreateReadStream(), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
}
