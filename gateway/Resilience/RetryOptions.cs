namespace Platform.Gateway.Resilience;

/// <summary>How the gateway retries a request that did not reach a destination (section <c>Gateway:Retry</c>).</summary>
public sealed class RetryOptions
{
    public const string Section = "Gateway:Retry";

    /// <summary>Retries after the first attempt; each goes to another healthy destination when there is one.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first backoff; it doubles each time, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The retry budget: at most this many retries a second across the gateway, so retries never multiply an outage.</summary>
    public int RetriesPerSecond { get; set; } = 20;

    /// <summary>How many retries the budget allows in a burst.</summary>
    public int RetryBurst { get; set; } = 40;
}
