using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Policies;

/// <summary>
/// The policies in force, one per service, read on every request. A change is stored first, then put in force here,
/// so that the gateway never runs a policy that a restart would lose. The resilience pipelines and the rate limiter
/// read the version on each request; YARP's configuration (the timeouts) is reloaded. A change made by another
/// gateway instance arrives through <see cref="PolicyChangeListener"/>, which calls <see cref="RefreshAsync"/>.
/// </summary>
public sealed class ServicePolicies(IPolicyStore store, IOptions<ServicePolicy> defaults, PolicyReload reload) : IHostedService
{
    private readonly ConcurrentDictionary<string, VersionedPolicy> stored = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Loads the stored policies before the gateway takes its first request.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        reload.Signal();
    }

    /// <summary>Puts in force every stored version newer than the one in force here.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var policy in await store.LatestAsync(cancellationToken))
            changed |= Apply(policy);
        if (changed)
            reload.Signal();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public VersionedPolicy For(string service) =>
        stored.TryGetValue(service, out var policy) ? policy : new VersionedPolicy(service, VersionedPolicy.DefaultVersion, defaults.Value, null);

    /// <summary>Stores and applies a new version of the service's policy, unless <paramref name="expectedVersion"/> is no longer the current one.</summary>
    public async Task<VersionedPolicy?> ChangeAsync(string service, long? expectedVersion, ServicePolicy policy, CancellationToken ct)
    {
        var current = For(service);
        if (expectedVersion is { } expected && expected != current.Version)
            return null;
        var next = current.Version + 1;
        if (await store.TryInsertAsync(service, next, policy, ct) is not { } changedAt)
            return null;
        var changed = new VersionedPolicy(service, next, policy, changedAt);
        Apply(changed);
        reload.Signal();
        return changed;
    }

    /// <returns>Whether <paramref name="policy"/> is now the one in force (a newer one may have arrived first).</returns>
    private bool Apply(VersionedPolicy policy)
    {
        var inForce = stored.AddOrUpdate(policy.Service, policy, (_, previous) => previous.Version >= policy.Version ? previous : policy);
        return ReferenceEquals(inForce, policy);
    }
}
