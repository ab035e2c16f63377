using Platform.Gateway.Policies;
using Platform.Gateway.Resilience;
using Yarp.ReverseProxy.Health;

namespace Platform.Gateway;

public static class GatewayProxy
{
    /// <summary>
    /// YARP with its routes and clusters from configuration (policies applied by a config filter), destinations by
    /// service discovery, and the resilience step in front: retries within a budget, circuits and their fallbacks
    /// (ADR 0016, 0032). A destination is out after three transport failures in a row (passive health).
    /// </summary>
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ResilienceOptions>(builder.Configuration.GetSection(ResilienceOptions.Section));
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<ClusterResilience>();
        builder.Services.AddSingleton<FallbackCache>();
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, ConsecutiveFailuresPassivePolicy>();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<PolicyConfigFilter>()
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(ServedByHeader.Add)
            .AddTransforms(HubRoutes.Add);
        return builder;
    }

    /// <summary>YARP's maintainers' pattern: the resilience step first, then the three default steps it must keep.</summary>
    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ClusterResilience>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
