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
        return builder.AddProject<TProject>(name, launchProfileName: null)
            .WithoutHttpsCertificate()
#pragma warning restore ASPIRECERTIFICATES001
            .WithHttpEndpoint(port: port, isProxied: false)
            .WithHttpHealthCheck("/health");
    }
}
