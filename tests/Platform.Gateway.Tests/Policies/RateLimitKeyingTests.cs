using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Gateway.Policies;

namespace Platform.Gateway.Tests.Policies;

/// <summary>
/// One fixed window per client and route, sized by the route's service policy, and new windows when the policy changes;
/// the client is the token's subject, or the address the trusted proxies forwarded.
/// </summary>
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

    [Fact]
    public void A_signed_in_caller_is_counted_by_its_subject_wherever_it_calls_from()
    {
        Assert.Equal(KeyOf("user-reads", "10.0.0.1", subject: "ada"), KeyOf("user-reads", "10.0.0.2", subject: "ada"));
        Assert.NotEqual(KeyOf("user-reads", "10.0.0.1", subject: "ada"), KeyOf("user-reads", "10.0.0.1", subject: "grace"));
        Assert.NotEqual(KeyOf("user-reads", "10.0.0.1", subject: "ada"), KeyOf("user-reads", "10.0.0.1"));
    }

    /// <summary>Behind an ingress every client arrives from the ingress's address: only a trusted proxy's X-Forwarded-For names the client.</summary>
    [Fact]
    public async Task Behind_a_trusted_proxy_clients_count_apart_and_an_untrusted_one_cannot_claim_an_address()
    {
        var viaIngress1 = await ForwardedAsync(from: "10.1.0.9", forwardedFor: "203.0.113.5");
        var viaIngress2 = await ForwardedAsync(from: "10.1.0.9", forwardedFor: "203.0.113.6");
        var spoofer = await ForwardedAsync(from: "198.51.100.7", forwardedFor: "203.0.113.5");
        var local = await ForwardedAsync(from: "127.0.0.1", forwardedFor: "203.0.113.5");

        Assert.Equal("ip:203.0.113.5", ClientRateLimits.ClientOf(viaIngress1));
        Assert.NotEqual(ClientRateLimits.Partition(viaIngress1).PartitionKey, ClientRateLimits.Partition(viaIngress2).PartitionKey);
        Assert.Equal("ip:198.51.100.7", ClientRateLimits.ClientOf(spoofer));
        Assert.Equal("ip:127.0.0.1", ClientRateLimits.ClientOf(local)); // loopback is not trusted by default either
    }

    /// <summary>A request through ASP.NET Core's forwarded-headers middleware as the gateway configures it, trusting 10.1.0.0/16.</summary>
    private async Task<Microsoft.AspNetCore.Http.HttpContext> ForwardedAsync(string from, string forwardedFor)
    {
        var context = Request("user-reads", from);
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        var options = new Microsoft.AspNetCore.Builder.ForwardedHeadersOptions();
        GatewayLimitsExtensions.Trust(options, ["10.1.0.0/16"]);
        await new Microsoft.AspNetCore.HttpOverrides.ForwardedHeadersMiddleware(_ => Task.CompletedTask, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            Options.Create(options)).Invoke(context);
        return context;
    }

    private string KeyOf(string route, string client, string subject) =>
        ClientRateLimits.Partition(Signed(Request(route, client), subject)).PartitionKey;

    private static Microsoft.AspNetCore.Http.HttpContext Signed(Microsoft.AspNetCore.Http.HttpContext context, string subject)
    {
        context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", subject)], "Bearer"));
        return context;
    }

    private string KeyOf(string route, string client) => ClientRateLimits.Partition(Request(route, client)).PartitionKey;

    private Microsoft.AspNetCore.Http.HttpContext Request(string route, string client)
    {
        var context = Routes.Request(Routes.Route(route, "user-query"), "GET", "/api/users/1", services);
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        return context;
    }
}
