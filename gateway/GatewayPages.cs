namespace Platform.Gateway;

/// <summary>The gateway's own pages, static files from wwwroot served at paths without an extension.</summary>
public static class GatewayPages
{
    public static IEndpointRouteBuilder MapGatewayPages(this IEndpointRouteBuilder app)
    {
        app.MapPage("/topology", "topology.html"); // signs in (an admin), then polls GET /api/admin/topology
        app.MapPage("/analytics", "analytics.html"); // public, as the metrics it shows: GET /api/analytics/live
        app.MapPage("/chat", "chat.html"); // signs in (a user), then rooms over /api/chat and everything live over /hubs/chat
        app.MapPage("/activate", "activate.html"); // from the welcome mail's link: a password for POST /api/users/{id}/activate
        app.MapPage("/signed-in", "signed-in.html"); // the authorization code flow's way back: the code for a token (signin.js)
        return app;
    }

    private static void MapPage(this IEndpointRouteBuilder app, string path, string file) =>
        app.MapGet(path, (IWebHostEnvironment host) =>
                Results.File(host.WebRootFileProvider.GetFileInfo(file).CreateReadStream(), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
}
