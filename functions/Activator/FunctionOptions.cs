namespace Platform.Functions.Activator;

/// <summary>
/// One function the activator serves (configuration section <c>Functions:{name}</c>). An HTTP function scales with
/// Knative Serving's defaults: a target of 100 requests in flight per instance, a 60 s stable window over which the
/// autoscaler averages them, and a 30 s grace before the last instance goes. A queue-triggered one (<see cref="Queue"/>)
/// scales as KEDA's RabbitMQ scaler does: from zero when its queue has messages, one instance per
/// <see cref="QueueLength"/> of them, and back to zero once the queue has stayed empty for the grace period.
/// </summary>
public sealed class FunctionOptions
{
    public const string Section = "Functions";

    /// <summary>The function's built assembly, started as <c>dotnet {Assembly}</c>.</summary>
    public string Assembly { get; set; } = "";

    public int TargetConcurrency { get; set; } = 100;

    public TimeSpan StableWindow { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan ScaleToZeroGrace { get; set; } = TimeSpan.FromSeconds(30);

    public int MaxInstances { get; set; } = 4;

    /// <summary>The queue that triggers the function; none for an HTTP function.</summary>
    public string? Queue { get; set; }

    /// <summary>Messages in the queue per instance (KEDA's <c>value</c> for the <c>QueueLength</c> mode).</summary>
    public int QueueLength { get; set; } = 20;

    /// <summary>How long a request waits for an instance to start before it is answered 503 with Retry-After.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
