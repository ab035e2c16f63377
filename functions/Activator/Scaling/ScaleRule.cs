namespace Platform.Functions.Activator.Scaling;

/// <summary>How many instances a function wants, from what its pool has seen: Knative's rule for HTTP, KEDA's for a queue.</summary>
public static class ScaleRule
{
    /// <summary>
    /// Knative's autoscaler: enough instances for the average requests in flight over the stable window at the target
    /// concurrency, and one through the grace period after the last request.
    /// </summary>
    public static int ForConcurrency(double averageInFlight, int targetConcurrency, TimeSpan sinceLastRequest, TimeSpan grace, int maxInstances)
    {
        var wanted = (int)Math.Ceiling(averageInFlight / targetConcurrency);
        if (wanted == 0 && sinceLastRequest < grace)
            wanted = 1;
        return Math.Min(wanted, maxInstances);
    }

    /// <summary>
    /// KEDA's RabbitMQ scaler: from zero once the queue has a message (activation); one instance per
    /// <paramref name="queueLength"/> messages; with the queue empty, one while it has been idle for less than the grace
    /// period (KEDA's cooldown), then none. A queue not declared yet wants one instance, which declares it as it starts.
    /// The caller counts a queue as idle only while nothing is delivered from it either (<see cref="QueueReading.Delivered"/>):
    /// a steady trickle is taken at once, and leaves no message ready to be seen.
    /// </summary>
    public static int ForQueue(QueueReading queue, int queueLength, int running, TimeSpan sinceLastMessage, TimeSpan grace, int maxInstances)
    {
        if (!queue.Exists)
            return 1;
        if (queue.Messages > 0)
            return (int)Math.Clamp((queue.Messages + queueLength - 1) / queueLength, 1, maxInstances);
        return running > 0 && sinceLastMessage < grace ? 1 : 0;
    }

    /// <summary>
    /// What a queue-triggered function is scaled to, from what its rule wants now and the most it wanted over the stable
    /// window: the Kubernetes autoscaler's scale-down stabilisation, under KEDA. Instances go only once the whole window
    /// has wanted fewer, so a burst's instances are not stopped whenever its queue is drained for a moment, and started
    /// again (each start costs the function's JIT). Zero, KEDA's deactivation after the cooldown, is taken at once.
    /// </summary>
    public static int Stabilized(int wanted, int mostWantedInWindow) => wanted == 0 ? 0 : Math.Max(wanted, mostWantedInWindow);
}

/// <summary>
/// A queue as the broker reported it: whether it is declared, the messages ready in it, and whether any was delivered
/// to a consumer since the last reading (false where that is not known).
/// </summary>
public sealed record QueueReading(bool Exists, long Messages, bool Delivered = false)
{
    public static readonly QueueReading Missing = new(false, 0);
}
