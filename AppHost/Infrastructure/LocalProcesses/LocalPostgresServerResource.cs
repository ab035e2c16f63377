namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>PostgreSQL from the Debian package, run by infrastructure/postgres-local.sh; loopback only, trust auth.</summary>
public sealed class LocalPostgresServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "/bin/bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres");
}
