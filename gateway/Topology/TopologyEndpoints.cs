using Platform.Gateway.Admin;

namespace Platform.Gateway.Topology;

public static class TopologyEndpoints
{
    /// <summary>The topology as JSON, for admins; the /topology page draws it.</summary>
    public static IEndpointRouteBuilder MapTopology(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/topology", (LiveTopology topology, CancellationToken ct) => topology.ReadAsync(ct))
            .RequireAuthorization(AdminAuthentication.Policy)
            .WithTags("Control plane")
            .WithSummary("The live topology: routes and their traffic, services, instances, circuits, queues, event store lag");
        return app;
    }
}
