using Platform.Gateway.Admin;

namespace Platform.Gateway.Topology;

public static class TopologyEndpoints
{
    /// <summary>The topology as JSON for admins, and the page that draws it (static; it asks for a token, then polls the JSON).</summary>
    public static IEndpointRouteBuilder MapTopology(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/topology", (LiveTopology topology, CancellationToken ct) => topology.ReadAsync(ct))
            .RequireAuthorization(AdminAuthentication.Policy)
            .WithTags("Control plane")
            .WithSummary("The live topology: routes and their traffic, services, instances, circuits, queues, event store lag");
        app.MapGet("/topology", (IWebHostEnvironment host) =>
                Results.File(host.WebRootFileProvider.GetFileInfo("topology.html").CreateReadStream(), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        return app;
    }
}
