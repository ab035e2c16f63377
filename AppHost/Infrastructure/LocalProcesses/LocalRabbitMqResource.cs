namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>RabbitMQ from the Debian package, run by infrastructure/rabbitmq-local.sh; loopback only, guest user.</summary>
public sealed class LocalRabbitMqResource(string name, string workingDirectory)
    : ExecutableResource(name, "/bin/bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
