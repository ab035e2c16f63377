using Platform.Testing;

namespace Platform.Gateway.Tests.Architecture;

/// <summary>
/// The gateway is a sidecar: it knows the services only by their routes, health and the bus's management API, never
/// by their code or their stores. The rule comes from the shared set (a layer may not depend on these).
/// </summary>
public sealed class SidecarTests
{
    [Fact]
    public void The_gateway_depends_on_no_service_no_event_store_and_no_bus_client() =>
        LayeredServiceTests.AssertHasNoDependencies(typeof(Platform.Gateway.GatewayProxy).Assembly, "Platform.Gateway",
            ["Platform.UserCommand", "Platform.UserQuery", "Platform.Ordering", "Platform.Email", "Platform.Analytics",
             "Platform.EventStore", "Platform.Contracts", "Marten", "JasperFx", "MassTransit", "RabbitMQ"]);

}
