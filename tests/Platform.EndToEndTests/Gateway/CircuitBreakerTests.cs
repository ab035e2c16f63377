using System.Net;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// With every instance of the read side stopped, the gateway opens the read side's circuit and answers at once: a
/// profile it has served recently from its fallback cache (X-Fallback: cache), anything else with 503 problem+json and
/// Retry-After. Once the instances are back the circuit closes by itself and the service answers again.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CircuitBreakerTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task A_stopped_service_opens_its_circuit_the_gateway_answers_at_once_and_the_circuit_closes_when_it_is_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var outage = await ReadSideOutage.RunAsync(platform, platform.Resources.StopAsync, timeout.Token);
        var (cachedAnswers, otherAnswers, stoppingAt, backAt) = (outage.Known, outage.Unknown, outage.DownAt, outage.BackAt);

        // The latencies are the open circuit's: before it opens, a fallback waits for the failed attempts and their retries.
        var opened = otherAnswers.Where(a => a.OpenCircuit).Select(a => a.At).DefaultIfEmpty(DateTime.MaxValue).Min();
        var fromCache = Sorted(cachedAnswers.Where(a => a.FromCache && a.At >= opened));
        var fallback = Sorted(otherAnswers.Where(a => a.OpenCircuit));
        var beforeOpen = otherAnswers.Count(a => a.Unavailable && !a.OpenCircuit);
        var failed = cachedAnswers.Concat(otherAnswers).Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.NotFound) && !a.IsFallback).ToList();
        output.WriteLine($"Figures: circuit breaker: {cachedAnswers.Count + otherAnswers.Count} GETs; the open circuit answered {fromCache.Count} from the "
            + $"cache (p50 {Percentile(fromCache, 0.50):0.0} ms, p99 {Percentile(fromCache, 0.99):0.0} ms) and {fallback.Count} with 503 (p50 "
            + $"{Percentile(fallback, 0.50):0.0} ms, p99 {Percentile(fallback, 0.99):0.0} ms), and before it opened the fallback answered {cachedAnswers.Count(a => a.FromCache && a.At < opened)} from the cache and {beforeOpen} with 503; {failed.Count} other failures "
            + $"({string.Join(", ", failed.GroupBy(a => (int)a.Status).Select(g => $"{g.Key}: {g.Count()}"))}); served again "
            + $"{(cachedAnswers.First(a => a.At > backAt && a.Status == HttpStatusCode.OK && !a.FromCache).At - backAt).TotalSeconds:0.0} s after the read side was healthy");

        Assert.True(failed.Count == 0, $"answers that were neither served nor the fallback: {SteadyReads.Summary(failed)}"); // never a 502 (ADR 0032)
        Assert.DoesNotContain(cachedAnswers, a => a.FromCache && a.At < stoppingAt); // never from the cache while the service answers
        Assert.All(cachedAnswers.Where(a => a.FromCache), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.True(Percentile(fallback, 0.99) < 1_000, "the open circuit's 503 should not wait on the stopped service");
        Assert.True(Percentile(fromCache, 0.99) < 1_000, "the cached answer should not wait on the stopped service");
    }

    private static List<double> Sorted(IEnumerable<SteadyReads.Answer> answers) => [.. answers.Select(a => a.Milliseconds).Order()];

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
