using Platform.Gateway.Admin;
using Platform.Gateway.Telemetry;
using Yarp.ReverseProxy;

namespace Platform.Gateway.Topology;

/// <summary>
/// The whole system at one moment (<c>GET /api/admin/topology</c>, drawn by <c>/topology</c>): the routes and their
/// traffic, the services with their instances, circuits and policies, the queues each service consumes from, and how
/// far each event store's projections and outbox forwarder trail it, the shard servers of the sharded one, and the functions with their instances. A source that does not answer is marked as such;
/// it never stalls the rest.
/// </summary>
public sealed class LiveTopology(
    IProxyStateLookup proxy, ServiceDirectory services, RouteTraffic traffic, RabbitMqManagement rabbit, EventStoreLag eventStores, UserShards shards,
    ActivatorFunctions functions, TimeProvider clock)
{
    public async Task<TopologyView> ReadAsync(CancellationToken ct)
    {
        var messaging = rabbit.ReadAsync(ct);
        var lag = eventStores.ReadAsync(ct);
        var sharded = shards.ReadAsync(ct);
        var pools = functions.ReadAsync(ct);
        var rates = traffic.Rates().ToDictionary(rate => rate.Route);
        var routes = proxy.GetRoutes().OrderBy(route => route.Config.RouteId).Select(route =>
        {
            var rate = rates.GetValueOrDefault(route.Config.RouteId);
            return new RouteNode(route.Config.RouteId, route.Config.ClusterId, route.Config.Match.Path,
                route.Config.Match.Methods ?? [], rate?.RequestsPerSecond ?? 0, rate?.ErrorRate ?? 0, rate?.LimitedRate ?? 0);
        }).ToList();
        var listed = services.List();
        var broker = await messaging;
        return new TopologyView(clock.GetUtcNow(), RouteTraffic.Window.TotalSeconds, routes,
            [.. listed.Select(service => new ServiceNode(service, OwnedQueues(service.Name, listed, broker)))], broker, await lag, await sharded, await pools);
    }

    /// <summary>Queues are named after the service that consumes from them ("user-query-user-registered"); the longest matching service name wins.</summary>
    private static IReadOnlyList<string> OwnedQueues(string service, IReadOnlyList<ServiceView> services, MessagingView broker) =>
        [.. broker.Queues.Select(queue => queue.Name).Where(queue =>
            services.Where(s => queue.StartsWith(s.Name + "-", StringComparison.Ordinal)).MaxBy(s => s.Name.Length)?.Name == service)];
}

/// <param name="WindowSeconds">The window the routes' rates are measured over.</param>
public sealed record TopologyView(DateTimeOffset At, double WindowSeconds, IReadOnlyList<RouteNode> Routes, IReadOnlyList<ServiceNode> Services,
    MessagingView Messaging, IReadOnlyList<EventStoreView> EventStores, ShardsSection Shards, FunctionsSection Functions);

public sealed record RouteNode(string Id, string? Service, string? Path, IReadOnlyList<string> Methods,
    double RequestsPerSecond, double ErrorRate, double LimitedRate);

/// <param name="Queues">The names of the queues this service consumes from.</param>
public sealed record ServiceNode(ServiceView Service, IReadOnlyList<string> Queues);
