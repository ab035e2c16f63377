using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Gateway.Policies;

namespace Platform.Gateway.Tests.Policies;

/// <summary>A service's policy in force and its version (the ETag of <c>/api/admin/policies/{service}</c>).</summary>
public sealed class PolicyVersioningTests
{
    private static readonly ServicePolicy Defaults = new() { Retries = 2 };
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryPolicyStore store;
    private readonly ServicePolicies policies;

    public PolicyVersioningTests()
    {
        store = new InMemoryPolicyStore(clock);
        policies = new ServicePolicies(store, Options.Create(Defaults), new PolicyReload());
    }

    [Fact]
    public void A_service_never_changed_has_the_configured_default_as_version_1()
    {
        var policy = policies.For("user-query");

        Assert.Equal((1L, Defaults, (DateTimeOffset?)null), (policy.Version, policy.Policy, policy.ChangedAt));
    }

    [Fact]
    public async Task A_change_at_the_current_version_is_stored_and_in_force_as_the_next()
    {
        var changed = await policies.ChangeAsync("user-query", 1, new ServicePolicy { Retries = 0 }, default);

        Assert.Equal((2L, 0, clock.GetUtcNow()), (changed!.Version, changed.Policy.Retries, changed.ChangedAt!.Value));
        Assert.Equal(changed, policies.For("USER-QUERY")); // service names ignore case, as YARP's cluster ids do
        Assert.Equal([changed], await store.LatestAsync(default));
    }

    [Fact]
    public async Task A_change_at_a_stale_version_is_refused_and_changes_nothing()
    {
        await policies.ChangeAsync("order", 1, new ServicePolicy { Retries = 1 }, default);

        Assert.Null(await policies.ChangeAsync("order", 1, new ServicePolicy { Retries = 5 }, default));
        Assert.Equal((2L, 1), (policies.For("order").Version, policies.For("order").Policy.Retries));
    }

    [Fact]
    public async Task A_change_that_loses_the_race_for_its_version_in_the_store_is_refused()
    {
        // Another gateway instance stored version 2 first; this one has not seen it yet.
        await store.TryInsertAsync("email", 2, new ServicePolicy { Retries = 4 }, default);

        Assert.Null(await policies.ChangeAsync("email", null, new ServicePolicy { Retries = 3 }, default));
        Assert.Equal(1L, policies.For("email").Version);
    }

    [Fact]
    public async Task A_start_puts_the_newest_stored_version_of_each_service_in_force()
    {
        await store.TryInsertAsync("order", 2, new ServicePolicy { Retries = 1 }, default);
        await store.TryInsertAsync("order", 3, new ServicePolicy { Retries = 3 }, default);

        await policies.StartAsync(default);

        Assert.Equal((3L, 3), (policies.For("order").Version, policies.For("order").Policy.Retries));
        Assert.Equal(1L, policies.For("user-query").Version);
    }
}
