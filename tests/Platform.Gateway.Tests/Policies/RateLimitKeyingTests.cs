using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Gateway.Policies;

namespace Platform.Gateway.Tests.Policies;

/// <summary>One fixed window per client and route, sized by the route's service policy, and new windows when the policy changes.</summary>
public sealed class RateLimitKeyingTests
{
    private readonly ServicePolicies policies;
    private readonly IServiceProvider services;

    public RateLimitKeyingTests()
    {
        policies = new ServicePolicies(new InMemoryPolicyStore(TimeProvider.System),
            Options.Create(new ServicePolicy { RateLimit = new RateLimitPolicy { PermitLimit = 2, WindowSeconds = 60 } }), new PolicyReload());
        services = new ServiceCollection().AddSingleton(policies).BuildServiceProvider();
    }

    [Fact]
    public void Two_clients_of_one_route_count_apart()
    {
        Assert.NotEqual(KeyOf("user-reads", "10.0.0.1"), KeyOf("user-reads", "10.0.0.2"));
        Assert.Equal(KeyOf("user-reads", "10.0.0.1"), KeyOf("user-reads", "10.0.0.1"));
    }

    [Fact]
    public void One_client_counts_apart_on_two_routes_of_the_same_service() =>
        Assert.NotEqual(KeyOf("user-reads", "10.0.0.1"), KeyOf("user-event-log", "10.0.0.1"));

    [Fact]
    public async Task A_changed_policy_starts_new_windows_at_once()
    {
        var before = KeyOf("user-reads", "10.0.0.1");

        await policies.ChangeAsync("user-query", null, new ServicePolicy { RateLimit = new RateLimitPolicy { PermitLimit = 5 } }, default);

        Assert.NotEqual(before, KeyOf("user-reads", "10.0.0.1"));
    }

    [Fact]
    public void The_window_holds_the_policy_s_permits_and_no_queue()
    {
        var partition = ClientRateLimits.Partition(Request("user-reads", "10.0.0.1"));
        using var limiter = partition.Factory(partition.PartitionKey);

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
    }

    private string KeyOf(string route, string client) => ClientRateLimits.Partition(Request(route, client)).PartitionKey;

    private Microsoft.AspNetCore.Http.HttpContext Request(string route, string client)
    {
        var context = Routes.Request(Routes.Route(route, "user-query"), "GET", "/api/users/1", services);
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        return context;
    }
}
