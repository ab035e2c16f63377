namespace Platform.Gateway.Resilience;

/// <summary>
/// The gateway-wide side of resilience (section <c>Gateway:Resilience</c>; ADR 0016): the backoff and the retry budget.
/// What varies per service (retries, the circuit breaker, the timeout, the rate limit) is its policy (ADR 0018).
/// </summary>
public sealed class ResilienceOptions
{
    public const string Section = "Gateway:Resilience";

    public RetryOptions Retry { get; set; } = new();
}

/// <summary>How the gateway retries a request that did not reach a destination.</summary>
public sealed class RetryOptions
{
    /// <summary>The first backoff; it doubles each time, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The retry budget: at most this many retries a second across the gateway, so retries never multiply an outage.</summary>
    public double RetriesPerSecond { get; set; } = 20;

    /// <summary>The budget's refill as the token bucket takes it: whole tokens per period (below one a second, one token per longer period).</summary>
    public (int Tokens, TimeSpan Period) BudgetRefill =>
        RetriesPerSecond >= 1 ? ((int)Math.Round(RetriesPerSecond), TimeSpan.FromSeconds(Math.Round(RetriesPerSecond) / RetriesPerSecond))
            : (1, TimeSpan.FromSeconds(1 / RetriesPerSecond));

    /// <summary>How many retries the budget allows in a burst.</summary>
    public int RetryBurst { get; set; } = 40;
}
