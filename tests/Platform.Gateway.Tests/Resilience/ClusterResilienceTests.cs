using System.Net;
using System.Text.Json;
using Platform.Gateway.Policies;
using Platform.Gateway.Resilience;
using Polly.CircuitBreaker;

namespace Platform.Gateway.Tests.Resilience;

/// <summary>The resilience step in YARP's pipeline (ADR 0016, 0032): retries on another instance within a budget, the circuit and its fallbacks.</summary>
public sealed class ClusterResilienceTests
{
    /// <summary>A circuit that never opens, for the retry tests.</summary>
    private static readonly ServicePolicy RetryOnly = new()
    {
        Retries = 2,
        CircuitBreaker = new CircuitBreakerPolicy { FailureRatio = 1, MinimumThroughput = 100_000, SamplingSeconds = 600, BreakSeconds = 5 },
    };

    [Fact]
    public async Task A_GET_that_cannot_reach_one_instance_is_answered_by_the_other()
    {
        await using var gateway = await ProxyHarness.StartAsync(RetryOnly);
        gateway.Destinations.Answer("a", null);

        for (var i = 0; i < 4; i++)
        {
            using var response = await gateway.Client.GetAsync("/things/1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("b", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("servedBy").GetString());
        }
        Assert.Contains("a", gateway.Destinations.Calls); // round robin sent some to a first, and each was retried on b
    }

    [Fact]
    public async Task A_POST_without_an_Idempotency_Key_is_never_sent_twice()
    {
        await using var gateway = await ProxyHarness.StartAsync(RetryOnly);
        gateway.Destinations.Answer("a", null);
        gateway.Destinations.Answer("b", null);

        using var response = await gateway.Client.PostAsync("/things", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(gateway.Destinations.Calls);
        Assert.Equal("unreachable", await FallbackAsync(response));
    }

    [Fact]
    public async Task Retries_stop_when_the_budget_is_spent()
    {
        await using var gateway = await ProxyHarness.StartAsync(RetryOnly,
            // One retry in the bucket, refilled after 100 s: a busy machine's slow second request finds it still spent.
            new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), RetryBurst = 1, RetriesPerSecond = 0.01 });
        gateway.Destinations.Answer("a", null);
        gateway.Destinations.Answer("b", null);

        using var first = await gateway.Client.GetAsync("/things/1");
        var afterFirst = gateway.Destinations.Calls.Count;
        using var second = await gateway.Client.GetAsync("/things/1");

        Assert.Equal(2, afterFirst); // the first request and its one retry the budget held
        Assert.Equal(3, gateway.Destinations.Calls.Count); // the second request, and no retry left
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable), (first.StatusCode, second.StatusCode));
    }

    [Fact]
    public async Task A_failing_service_s_circuit_opens_and_the_gateway_answers_for_it_without_calling_it()
    {
        var policy = new ServicePolicy
        {
            Retries = 0,
            CircuitBreaker = new CircuitBreakerPolicy { FailureRatio = 0.5, MinimumThroughput = 2, SamplingSeconds = 30, BreakSeconds = 30 },
        };
        await using var gateway = await ProxyHarness.StartAsync(policy);
        using (var kept = await gateway.Client.GetAsync("/things/cached"))
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode); // a good answer the fallback cache keeps
        gateway.Destinations.Answer("a", HttpStatusCode.InternalServerError);
        gateway.Destinations.Answer("b", HttpStatusCode.InternalServerError);

        for (var i = 0; i < 3; i++)
            (await gateway.Client.GetAsync("/things/other")).Dispose();
        var calls = gateway.Destinations.Calls.Count;
        using var uncached = await gateway.Client.GetAsync("/things/other");
        using var cached = await gateway.Client.GetAsync("/things/cached");

        Assert.Equal(CircuitState.Open, gateway.Resilience.CircuitOf(ProxyHarness.Service));
        Assert.Equal(calls, gateway.Destinations.Calls.Count); // nothing more reached the service
        Assert.Equal(HttpStatusCode.ServiceUnavailable, uncached.StatusCode);
        Assert.Equal("circuit-open", await FallbackAsync(uncached));
        Assert.True(uncached.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal((HttpStatusCode.OK, "cache"), (cached.StatusCode, cached.Headers.GetValues(FallbackCache.Header).Single()));
    }

    private static async Task<string?> FallbackAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("fallback").GetString();
    }
}
