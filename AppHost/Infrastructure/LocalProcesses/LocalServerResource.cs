namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>A server from a Debian package, started by one of the scripts/*-local.sh scripts.</summary>
public abstract class LocalServerResource(string name, string workingDirectory)
    : ExecutableResource(name, "/bin/bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public abstract ReferenceExpression ConnectionStringExpression { get; }
}
