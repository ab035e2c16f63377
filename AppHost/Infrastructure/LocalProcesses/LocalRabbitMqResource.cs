namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>RabbitMQ run by scripts/rabbitmq-local.sh; loopback only, guest user (ADR 0002).</summary>
public sealed class LocalRabbitMqResource(string name, string workingDirectory) : LocalServerResource(name, workingDirectory)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
