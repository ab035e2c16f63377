using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// With every instance of the read side stopped, the gateway opens the read side's circuit and answers at once with
/// 503 problem+json and Retry-After; once the instances are back the circuit closes by itself.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CircuitBreakerTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly string[] ReadSide = ["user-query", "user-query-2"];
    private readonly UsersApi users = new(platform.Gateway);

    [Fact]
    public async Task A_stopped_service_opens_its_circuit_the_gateway_answers_503_at_once_and_the_circuit_closes_when_it_is_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var id = await users.RegisterNewAsync("Circuit Reader");
        await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(10));

        var answers = new ConcurrentQueue<Answer>();
        using var stopReading = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => ReadUntilAsync(id, answers, stopReading.Token))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);

        foreach (var instance in ReadSide)
            await platform.RunCommandAsync(instance, KnownResourceCommands.StopCommand, timeout.Token);
        var stoppedAt = DateTime.UtcNow;
        await Eventually.HoldsAsync(() => Task.FromResult(answers.Count(a => a.At > stoppedAt && a.OpenCircuit) >= 50), TimeSpan.FromSeconds(30),
            "the gateway to answer for the stopped read side with its open circuit");

        foreach (var instance in ReadSide)
            await platform.RunCommandAsync(instance, KnownResourceCommands.StartCommand, timeout.Token);
        foreach (var instance in ReadSide)
            await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(instance, timeout.Token);
        var backAt = DateTime.UtcNow;
        await Eventually.HoldsAsync(() => Task.FromResult(answers.Count(a => a.At > backAt && a.Status == HttpStatusCode.OK) >= 20), TimeSpan.FromSeconds(30),
            "reads to succeed again once the read side is back");
        await stopReading.CancelAsync();
        await Task.WhenAll(readers);

        var fallback = answers.Where(a => a.OpenCircuit).Select(a => a.Milliseconds).Order().ToList();
        var others = answers.Where(a => a.Status != HttpStatusCode.OK && !a.OpenCircuit).ToList();
        output.WriteLine($"Figures: circuit breaker: {answers.Count} GETs; {fallback.Count} answered by the open circuit, p50 "
            + $"{Percentile(fallback, 0.50):0.0} ms, p99 {Percentile(fallback, 0.99):0.0} ms; {others.Count} other failures while it opened "
            + $"({string.Join(", ", others.GroupBy(a => (int)a.Status).Select(g => $"{g.Key}: {g.Count()}"))}); closed again "
            + $"{(answers.First(a => a.At > backAt && a.Status == HttpStatusCode.OK).At - backAt).TotalSeconds:0.0} s after the read side was healthy");
        Assert.NotEmpty(fallback);
        Assert.True(Percentile(fallback, 0.99) < 1_000, "the open circuit's answer should not wait on the stopped service");
    }

    private async Task ReadUntilAsync(Guid id, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{id}");
            request.Headers.Add("traceparent", $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00"); // not sampled
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await platform.Gateway.SendAsync(request, CancellationToken.None);
                var open = response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
                    && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                    && (await response.Content.ReadAsStringAsync()).Contains("\"circuit\":\"open\"");
                answers.Enqueue(new Answer(DateTime.UtcNow, response.StatusCode, open, clock.Elapsed.TotalMilliseconds));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                answers.Enqueue(new Answer(DateTime.UtcNow, 0, false, clock.Elapsed.TotalMilliseconds));
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record Answer(DateTime At, HttpStatusCode Status, bool OpenCircuit, double Milliseconds);
}
