namespace Platform.Gateway.Policies;

/// <summary>
/// How the gateway treats one service (one YARP cluster): the control plane's unit of change. Every field is in
/// force at once when a policy is stored (<c>PUT /api/admin/policies/{service}</c>), with no restart (ADR 0018).
/// </summary>
public sealed record ServicePolicy
{
    /// <summary>How long the gateway waits for the service's answer before it gives the client 504.</summary>
    public double TimeoutSeconds { get; init; } = 30;

    /// <summary>Retries after the first attempt of an idempotent request that could not reach an instance.</summary>
    public int Retries { get; init; } = 2;

    public CircuitBreakerPolicy CircuitBreaker { get; init; } = new();

    public RateLimitPolicy RateLimit { get; init; } = new();

    /// <summary>Every rule the policy breaks, by field; empty when it may be stored.</summary>
    public IDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool valid, string field, string rule)
        {
            if (!valid)
                errors[field] = [rule];
        }
        Check(TimeoutSeconds is >= 0.1 and <= 300, "timeoutSeconds", "must be between 0.1 and 300");
        Check(Retries is >= 0 and <= 5, "retries", "must be between 0 and 5");
        Check(CircuitBreaker is not null, "circuitBreaker", "is required");
        Check(RateLimit is not null, "rateLimit", "is required");
        if (CircuitBreaker is { } breaker)
        {
            Check(breaker.FailureRatio is > 0 and <= 1, "circuitBreaker.failureRatio", "must be above 0 and at most 1");
            Check(breaker.MinimumThroughput is >= 2 and <= 100_000, "circuitBreaker.minimumThroughput", "must be between 2 and 100000");
            Check(breaker.SamplingSeconds is >= 0.5 and <= 600, "circuitBreaker.samplingSeconds", "must be between 0.5 and 600");
            Check(breaker.BreakSeconds is >= 0.5 and <= 600, "circuitBreaker.breakSeconds", "must be between 0.5 and 600");
        }
        if (RateLimit is { } limit)
        {
            Check(limit.PermitLimit is >= 1 and <= 1_000_000, "rateLimit.permitLimit", "must be between 1 and 1000000");
            Check(limit.WindowSeconds is >= 0.1 and <= 3600, "rateLimit.windowSeconds", "must be between 0.1 and 3600");
        }
        return errors;
    }
}

/// <summary>When a service's circuit opens, and for how long the gateway then answers for it.</summary>
public sealed record CircuitBreakerPolicy
{
    /// <summary>The share of failed requests (unreachable, or 5xx) in the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>No verdict on fewer requests than this in the window.</summary>
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>The window the ratio is measured over: short, so that a busy service's earlier successes do not keep its circuit closed long after it starts failing.</summary>
    public double SamplingSeconds { get; init; } = 2;

    /// <summary>How long an open circuit answers 503 at once before letting a trial request through.</summary>
    public double BreakSeconds { get; init; } = 5;
}

/// <summary>How many requests one client may send to one route of the service in a fixed window.</summary>
public sealed record RateLimitPolicy
{
    public int PermitLimit { get; init; } = 10_000;

    public double WindowSeconds { get; init; } = 1;
}

/// <summary>A service's policy in force, and its version (the ETag): version 1 is the configured default.</summary>
public sealed record VersionedPolicy(string Service, long Version, ServicePolicy Policy, DateTimeOffset? ChangedAt)
{
    public const long DefaultVersion = 1;
}
