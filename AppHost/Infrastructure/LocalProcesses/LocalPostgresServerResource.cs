namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>PostgreSQL run by scripts/postgres-local.sh; loopback only, trust auth (ADR 0002).</summary>
public sealed class LocalPostgresServerResource(string name, string workingDirectory) : LocalServerResource(name, workingDirectory)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres");
}
