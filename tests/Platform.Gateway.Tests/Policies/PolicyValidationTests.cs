using Platform.Gateway.Policies;

namespace Platform.Gateway.Tests.Policies;

public sealed class PolicyValidationTests
{
    [Fact]
    public void The_default_policy_may_be_stored() => Assert.Empty(new ServicePolicy().Validate());

    [Fact]
    public void Every_broken_rule_is_named_by_its_field()
    {
        var policy = new ServicePolicy
        {
            TimeoutSeconds = 0,
            Retries = 6,
            CircuitBreaker = new CircuitBreakerPolicy { FailureRatio = 0, MinimumThroughput = 1, SamplingSeconds = 601, BreakSeconds = 0.1 },
            RateLimit = new RateLimitPolicy { PermitLimit = 0, WindowSeconds = 3601 },
        };

        Assert.Equal(
            ["circuitBreaker.breakSeconds", "circuitBreaker.failureRatio", "circuitBreaker.minimumThroughput", "circuitBreaker.samplingSeconds",
             "rateLimit.permitLimit", "rateLimit.windowSeconds", "retries", "timeoutSeconds"],
            policy.Validate().Keys.Order());
    }

    [Fact]
    public void The_bounds_themselves_are_allowed()
    {
        var policy = new ServicePolicy
        {
            TimeoutSeconds = 300,
            Retries = 0,
            CircuitBreaker = new CircuitBreakerPolicy { FailureRatio = 1, MinimumThroughput = 2, SamplingSeconds = 0.5, BreakSeconds = 600 },
            RateLimit = new RateLimitPolicy { PermitLimit = 1, WindowSeconds = 0.1 },
        };

        Assert.Empty(policy.Validate());
    }

    [Fact]
    public void A_missing_section_is_refused_rather_than_defaulted()
    {
        var errors = (new ServicePolicy { CircuitBreaker = null!, RateLimit = null! }).Validate();

        Assert.Equal(["circuitBreaker", "rateLimit"], errors.Keys.Order());
    }
}
