using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

public static class PlatformServiceExtensions
{
    /// <summary>
    /// A Platform service, run the same way for each: plain HTTP on an endpoint that Aspire does not proxy (requests
    /// cross exactly the hops they would in production, not one more in the orchestrator), ready once its /health
    /// answers. No HTTPS certificate is configured: a dev run has no TLS, and without this Aspire looks for a
    /// trusted development certificate and puts a red "no trusted certificate" notice on the dashboard.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, string name, int? port = null)
        where TProject : IProjectMetadata, new()
    {
#pragma warning disable ASPIRECERTIFICATES001 // experimental in Aspire 13; the only switch for a project resource
        var service = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithoutHttpsCertificate()
#pragma warning restore ASPIRECERTIFICATES001
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithHttpHealthCheck("/health");
        // The share of users' traces exported to the dashboard (ADR 0025): Telemetry__TraceSampleRatio=0.1 ./run.sh.
        if (builder.Configuration["Telemetry:TraceSampleRatio"] is { Length: > 0 } ratio)
            service.WithEnvironment("Telemetry__TraceSampleRatio", ratio);
        // How often each process exports its metrics, in ms: every 5 s rather than the 1 s Aspire sets for a dev run, which
        // kept the dashboard and the exporters busy at rest (ADR 0059). Telemetry__MetricExportInterval=1000 ./run.sh puts
        // it back. A deployment keeps what its manifests say.
        if (!builder.ExecutionContext.IsPublishMode)
            service.WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", builder.Configuration["Telemetry:MetricExportInterval"] is { Length: > 0 } interval ? interval : "5000");
        // The pool reset on each connection's return (ADR 0055), back on to compare: Database__PoolReset=true ./run.sh.
        if (builder.Configuration["Database:PoolReset"] is { Length: > 0 } reset)
            service.WithEnvironment("Database__PoolReset", reset);
        return service;
    }

    /// <summary>The AppHost's settings under <paramref name="section"/>, given to the resource as its own (a test's shorter windows).</summary>
    public static IResourceBuilder<ProjectResource> WithSettingsOf(
        this IResourceBuilder<ProjectResource> resource, IConfiguration configuration, string section)
    {
        foreach (var setting in configuration.GetSection(section).AsEnumerable(makePathsRelative: true).Where(setting => setting.Value is not null))
            resource.WithEnvironment($"{section}:{setting.Key}".Replace(":", "__", StringComparison.Ordinal), setting.Value);
        return resource;
    }

    /// <summary>
    /// <paramref name="count"/> instances of one service as separate resources ("user-query", "user-query-2", …),
    /// each with its own unproxied endpoint, so that the gateway sees every instance as its own destination.
    /// Aspire's <c>WithReplicas</c> would put its proxy in front of them, which balances per TCP connection
    /// (dotnet/aspire#9486): YARP's pooled connections would then stick to one instance.
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddPlatformServiceInstances<TProject>(
        this IDistributedApplicationBuilder builder, string name, int count, Action<IResourceBuilder<ProjectResource>> configure)
        where TProject : IProjectMetadata, new() =>
        [.. Enumerable.Range(1, Math.Max(1, count)).Select(instance =>
        {
            var resource = builder.AddPlatformService<TProject>(instance == 1 ? name : $"{name}-{instance}");
            configure(resource);
            return resource;
        })];

    /// <summary>
    /// Lets the gateway reach every instance, and tells it, in its own configuration, that they form one cluster: one
    /// YARP destination per instance, resolved by service discovery.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithClusterOf(
        this IResourceBuilder<ProjectResource> gateway, string cluster, IEnumerable<IResourceBuilder<ProjectResource>> instances)
    {
        foreach (var instance in instances)
        {
            var name = instance.Resource.Name;
            gateway.WithReference(instance).WaitFor(instance)
                .WithEnvironment($"ReverseProxy__Clusters__{cluster}__Destinations__{name}__Address", $"http://{name}");
        }
        return gateway;
    }
}
