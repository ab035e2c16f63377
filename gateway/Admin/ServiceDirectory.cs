using Platform.Gateway.Policies;
using Platform.Gateway.Resilience;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Admin;

/// <summary>The service registry as the gateway sees it: YARP's clusters, their destinations' health, their circuits and policies.</summary>
public sealed class ServiceDirectory(IProxyStateLookup proxy, ServicePolicies policies, ClusterResilience resilience)
{
    public IReadOnlyList<ServiceView> List() =>
        [.. proxy.GetClusters().OrderBy(cluster => cluster.ClusterId).Select(cluster => new ServiceView(
            cluster.ClusterId,
            resilience.CircuitOf(cluster.ClusterId).ToString().ToLowerInvariant(),
            cluster.Model.Config.HttpRequest?.ActivityTimeout?.TotalSeconds,
            [.. cluster.Destinations.Values.OrderBy(destination => destination.DestinationId).Select(InstanceView.Of)],
            PolicyView.Of(policies.For(cluster.ClusterId))))];
}

/// <param name="TimeoutSeconds">The request timeout YARP applies now, read back from its configuration.</param>
public sealed record ServiceView(string Name, string Circuit, double? TimeoutSeconds, IReadOnlyList<InstanceView> Instances, PolicyView Policy);

/// <param name="Health">unhealthy when either check says so, healthy when one says so, else unknown (no check configured).</param>
public sealed record InstanceView(string Name, string Address, string Health, string ActiveHealth, string PassiveHealth)
{
    public static InstanceView Of(DestinationState destination)
    {
        var health = destination.Health;
        var overall = health.Active == DestinationHealth.Unhealthy || health.Passive == DestinationHealth.Unhealthy
            ? "unhealthy"
            : health.Active == DestinationHealth.Healthy || health.Passive == DestinationHealth.Healthy ? "healthy" : "unknown";
        return new InstanceView(ServedByHeader.InstanceName(destination.DestinationId), destination.Model.Config.Address, overall,
            health.Active.ToString().ToLowerInvariant(), health.Passive.ToString().ToLowerInvariant());
    }
}

public sealed record PolicyView(long Version, DateTimeOffset? ChangedAt, ServicePolicy Policy)
{
    public static PolicyView Of(VersionedPolicy policy) => new(policy.Version, policy.ChangedAt, policy.Policy);
}
