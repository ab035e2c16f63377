namespace Platform.Benchmarks;

/// <summary>What one timed phase achieved: completed operations, their latencies, and the ids it created.</summary>
public sealed record LoadResult(int Completed, int Failed, TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyList<Guid> Ids)
{
    public double PerSecond => Completed / Elapsed.TotalSeconds;

    public static async Task<LoadResult> RunAsync(int workers, TimeSpan duration, Func<int, long, Task<Guid?>> operation)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var failed = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (long i = 0; clock.Elapsed < duration; i++)
            {
                var started = clock.Elapsed;
                if (await SucceedsAsync(operation, worker, i) is { } id)
                {
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                    ids.Add(id);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        return new LoadResult(ids.Count, failed, clock.Elapsed, [.. latencies.Order()], [.. ids]);
    }

    /// <summary>
    /// An open loop: operation i is sent at i / <paramref name="perSecond"/> seconds, whatever the answers to the ones
    /// before it, for <paramref name="duration"/>; then every answer is awaited. Elapsed is the sending's.
    /// </summary>
    public static async Task<LoadResult> OpenLoopAsync(double perSecond, TimeSpan duration, Func<long, Task<Guid?>> operation)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var failed = 0;
        var sent = new List<Task>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (long i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due >= duration)
                break;
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            var sequence = i;
            sent.Add(Task.Run(async () =>
            {
                var started = clock.Elapsed;
                if (await SucceedsAsync(operation, 0, sequence) is { } id)
                {
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                    ids.Add(id);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }));
        }
        var elapsed = clock.Elapsed;
        await Task.WhenAll(sent);
        return new LoadResult(ids.Count, failed, elapsed, [.. latencies.Order()], [.. ids]);
    }

    private static Task<Guid?> SucceedsAsync(Func<long, Task<Guid?>> operation, int worker, long sequence) =>
        SucceedsAsync((_, i) => operation(i), worker, sequence);

    private static async Task<Guid?> SucceedsAsync(Func<int, long, Task<Guid?>> operation, int worker, long sequence)
    {
        try
        {
            return await operation(worker, sequence);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or Npgsql.NpgsqlException)
        {
            return null;
        }
    }
}

public static class Percentile
{
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
}
