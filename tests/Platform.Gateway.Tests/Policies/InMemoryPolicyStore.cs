using System.Collections.Concurrent;
using Platform.Gateway.Policies;

namespace Platform.Gateway.Tests.Policies;

/// <summary>The store's contract in memory: every version kept, and a version written once, by its first writer.</summary>
internal sealed class InMemoryPolicyStore(TimeProvider clock) : IPolicyStore
{
    private readonly ConcurrentDictionary<(string Service, long Version), VersionedPolicy> versions = new();

    public Task<IReadOnlyList<VersionedPolicy>> LatestAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<VersionedPolicy>>(
            [.. versions.Values.GroupBy(policy => policy.Service).Select(service => service.MaxBy(policy => policy.Version)!)]);

    public Task<DateTimeOffset?> TryInsertAsync(string service, long version, ServicePolicy policy, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        return Task.FromResult<DateTimeOffset?>(versions.TryAdd((service, version), new VersionedPolicy(service, version, policy, at)) ? at : null);
    }
}
