using Platform.Testing;

namespace Platform.Gateway.Tests.Architecture;

/// <summary>
/// The gateway is a sidecar: it knows the services only by their routes, health and the broker, never by their code,
/// their contracts, their stores or their bus library. It reaches the broker with RabbitMQ's own tools: the
/// management API, shovels, and AMQP for the dead letters' erasure (ADR 0038), which names the contract's exchange
/// as the broker does. The rule comes from the shared set (a layer may not depend on these).
/// </summary>
public sealed class SidecarTests
{
    [Fact]
    public void The_gateway_depends_on_no_service_no_event_store_no_contract_and_no_bus_library() =>
        LayeredServiceTests.AssertHasNoDependencies(typeof(Platform.Gateway.GatewayProxy).Assembly, "Platform.Gateway",
            ["Platform.UserCommand", "Platform.UserQuery", "Platform.Ordering", "Platform.Email", "Platform.Analytics",
             "Platform.EventStore", "Platform.Contracts", "Marten", "JasperFx", "MassTransit"]);

}
