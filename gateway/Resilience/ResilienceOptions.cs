namespace Platform.Gateway.Resilience;

/// <summary>The gateway's resilience defaults, per cluster (section <c>Gateway:Resilience</c>; ADR 0016).</summary>
public sealed class ResilienceOptions
{
    public const string Section = "Gateway:Resilience";

    public RetryOptions Retry { get; set; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();
}

/// <summary>How the gateway retries a request that did not reach a destination.</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt; each goes to another healthy destination when there is one.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first backoff; it doubles each time, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The retry budget: at most this many retries a second across the gateway, so retries never multiply an outage.</summary>
    public int RetriesPerSecond { get; set; } = 20;

    /// <summary>How many retries the budget allows in a burst.</summary>
    public int RetryBurst { get; set; } = 40;
}

/// <summary>When a service's circuit opens, and for how long the gateway then answers for it.</summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>The share of failed requests (unreachable, or 5xx) in the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>No verdict on fewer requests than this in the window.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window the failure ratio is measured over: short, so that a busy service's earlier successes do not keep its circuit closed long after it starts failing.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an open circuit answers 503 at once before letting a trial request through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
