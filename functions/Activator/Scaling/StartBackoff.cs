namespace Platform.Functions.Activator.Scaling;

/// <summary>
/// How soon the autoscaler may start a function again after its instances failed, to start or soon after: at once
/// while none has, then after 1 s, 2 s, 4 s… up to a minute, as Kubernetes backs off a pod in CrashLoopBackOff. A
/// queue-triggered function whose instance cannot start or keeps exiting (its queue missing, its broker refusing it)
/// is no longer spawned on every tick. A failure a minute past the last one's wait starts the count again. Times are
/// monotonic, from the caller's clock.
/// </summary>
public sealed class StartBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private TimeSpan notBefore;

    /// <summary>Failures in a row.</summary>
    public int Failures { get; private set; }

    /// <summary>The wait after the last failure: nothing before any.</summary>
    public TimeSpan Delay => Failures == 0 ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Min(Failures - 1, 16)));

    public bool MayStart(TimeSpan now) => now >= notBefore;

    /// <summary>An instance did not start, or exited on its own.</summary>
    public void Failed(TimeSpan now)
    {
        if (Failures > 0 && now >= notBefore + Longest)
            Failures = 0; // quiet for a minute after the last wait: not in a row
        Failures++;
        notBefore = now + Delay;
    }
}
