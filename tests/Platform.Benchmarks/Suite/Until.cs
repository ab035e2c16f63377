namespace Platform.Benchmarks.Suite;

/// <summary>Polls a condition, and fails with what it waited for once the time is up: a benchmark never hangs silently.</summary>
public static class Until
{
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string waitingFor, TimeSpan? every = null) =>
        TrueAsync(condition, within, () => waitingFor, every);

    /// <param name="waitingFor">What it waited for, as it stands when the time is up.</param>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> waitingFor, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {within.TotalSeconds:0} s for {waitingFor()}.");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
