using Microsoft.Extensions.Options;

namespace Platform.Gateway.Topology;

/// <summary>Each event-sourced service's projections and subscriptions, and how far they trail its event store.</summary>
public sealed class EventStoreLag(HttpClient http, IOptions<TopologyOptions> options)
{
    /// <summary>The route every event-sourced service serves (Platform.EventStore's EventStoreProgress); not routed by the gateway.</summary>
    private const string ProgressRoute = "/api/admin/event-store/progress";

    public Task<EventStoreView[]> ReadAsync(CancellationToken ct) =>
        Task.WhenAll(options.Value.EventStores.Select(service => ReadAsync(service, ct)));

    private async Task<EventStoreView> ReadAsync(string service, CancellationToken ct)
    {
        var (progress, problem) = await http.ReadSourceAsync<ProgressJson>(service, ProgressRoute, options.Value.SourceTimeout, ct);
        return progress is null
            ? new EventStoreView(service, false, problem, null, [])
            : new EventStoreView(service, true, null, progress.HighestSequence, progress.Shards);
    }

    private sealed record ProgressJson(long HighestSequence, IReadOnlyList<ShardView> Shards);
}

/// <param name="Shards">Each projection or subscription (the outbox forwarder is one), with its sequence and lag in events.</param>
public sealed record EventStoreView(string Service, bool Available, string? Problem, long? HighestSequence, IReadOnlyList<ShardView> Shards);

/// <param name="Database">The store's database the shard runs in: one of a sharded store's shards, or its only one.</param>
public sealed record ShardView(string Name, string? Database, long Sequence, long Lag);
