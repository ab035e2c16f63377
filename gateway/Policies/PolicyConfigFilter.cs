using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway.Policies;

/// <summary>
/// Writes the policies into YARP's configuration as YARP loads it: each cluster's request timeout, and the per-client
/// rate limiter on every route. <see cref="PolicyReload"/> makes YARP load it again when a policy changes, so a new
/// timeout is in force with no restart.
/// </summary>
public sealed class PolicyConfigFilter(ServicePolicies policies) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        var timeout = TimeSpan.FromSeconds(policies.For(cluster.ClusterId).Policy.TimeoutSeconds);
        return ValueTask.FromResult(cluster with
        {
            HttpRequest = (cluster.HttpRequest ?? new()) with { ActivityTimeout = timeout },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route.RateLimiterPolicy is null ? route with { RateLimiterPolicy = ClientRateLimits.PolicyName } : route);
}

/// <summary>
/// A configuration source with no values whose only job is to say "reload": YARP reloads its routes and clusters
/// when the configuration does, and runs <see cref="PolicyConfigFilter"/> again.
/// </summary>
public sealed class PolicyReload : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Signal() => OnReload();
}
