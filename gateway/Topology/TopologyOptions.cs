namespace Platform.Gateway.Topology;

/// <summary>Where the topology reads what the gateway cannot see itself (section <c>Gateway:Topology</c>).</summary>
public sealed class TopologyOptions
{
    public const string Section = "Gateway:Topology";

    /// <summary>RabbitMQ's management API, http://user:password@host:port (the AppHost sets it).</summary>
    public Uri? RabbitMqManagement { get; set; }

    /// <summary>The services with a Marten event store, whose projections' and subscriptions' lag the topology shows.</summary>
    public string[] EventStores { get; set; } = [];

    /// <summary>The service whose event store is spread over shard servers (<c>GET /api/admin/shards</c>), whose shards the topology shows.</summary>
    public string? ShardedStore { get; set; }

    /// <summary>The functions' activator (<c>GET /api/functions</c>), whose functions and instances the topology shows; none in a deployment.</summary>
    public string? Functions { get; set; }

    /// <summary>How long the topology waits for each source: a source that is down must not stall the page.</summary>
    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
