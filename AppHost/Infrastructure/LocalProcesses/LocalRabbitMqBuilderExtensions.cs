using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Platform.AppHost.Infrastructure.LocalProcesses;

public static class LocalRabbitMqBuilderExtensions
{
    /// <summary>
    /// A broker on <paramref name="port"/>, with its management API (HTTP, guest user) on <paramref name="managementPort"/>.
    /// Its Erlang distribution port is one more endpoint, so that the AppHost allocates it with the others: a port the
    /// script picked itself could be one the AppHost had just given another server, which binds it a moment later.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, int? port, int? managementPort)
    {
        var broker = new LocalRabbitMqResource(name, builder.AppHostDirectory);
        return builder.AddLocalServer(broker, "rabbitmq-local.sh", dataDirectory, port, "RABBITMQ_NODE_PORT",
                ct => CanConnectAsync(broker, ct))
            .WithHttpEndpoint(port: managementPort, isProxied: false, name: LocalRabbitMqResource.ManagementEndpointName, env: "RABBITMQ_MANAGEMENT_PORT")
            .WithEndpoint(scheme: "tcp", name: LocalRabbitMqResource.DistributionEndpointName, env: "RABBITMQ_DIST_PORT", isProxied: false);
    }

    /// <summary>Healthy once an AMQP handshake succeeds (an open TCP port alone is too early: the node may still boot).</summary>
    private static async Task<HealthCheckResult> CanConnectAsync(LocalRabbitMqResource broker, CancellationToken ct)
    {
        var uri = new Uri((await broker.ConnectionStringExpression.GetValueAsync(ct))!);
        var factory = new ConnectionFactory { Uri = uri, AutomaticRecoveryEnabled = false, ClientProvidedName = "apphost-health" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await connection.CloseAsync(ct);
        return HealthCheckResult.Healthy();
    }
}
