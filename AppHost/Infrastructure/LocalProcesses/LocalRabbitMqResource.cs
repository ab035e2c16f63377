namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>RabbitMQ run by scripts/rabbitmq-local.sh; loopback only, guest user (ADR 0002).</summary>
public sealed class LocalRabbitMqResource(string name, string workingDirectory) : LocalServerResource(name, workingDirectory)
{
    public const string ManagementEndpointName = "management";

    /// <summary>The node's Erlang distribution port (the CLI tools' way in), allocated by the AppHost.</summary>
    public const string DistributionEndpointName = "distribution";

    /// <summary>The management API with the guest user's credentials, which RabbitMQ accepts from loopback only.</summary>
    public ReferenceExpression ManagementUriExpression => ReferenceExpression.Create(
        $"http://guest:guest@{new EndpointReference(this, ManagementEndpointName).Property(EndpointProperty.Host)}:{new EndpointReference(this, ManagementEndpointName).Property(EndpointProperty.Port)}");

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
