namespace Platform.Plugins.Hosting;

/// <summary>Calls, failures (thrown or timed out) and time spent of one hook of one plugin; safe across requests.</summary>
public sealed class HookStatistics
{
    private long calls;
    private long failures;
    private long ticks;
    private string? lastFailure;

    public long Calls => Interlocked.Read(ref calls);

    public long Failures => Interlocked.Read(ref failures);

    public double MeanMilliseconds => Calls == 0 ? 0 : TimeSpan.FromTicks(Interlocked.Read(ref ticks)).TotalMilliseconds / Calls;

    public string? LastFailure => Volatile.Read(ref lastFailure);

    public void Succeeded(TimeSpan took) => Count(took);

    public void Failed(TimeSpan took, string why)
    {
        Interlocked.Increment(ref failures);
        Volatile.Write(ref lastFailure, why);
        Count(took);
    }

    private void Count(TimeSpan took)
    {
        Interlocked.Increment(ref calls);
        Interlocked.Add(ref ticks, took.Ticks);
    }
}
