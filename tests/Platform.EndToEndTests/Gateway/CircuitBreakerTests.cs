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

        IReadOnlyList<SteadyReads.Answer> answers;
        DateTime backAt;
        await using (var reads = SteadyReads.Start(platform.Gateway, $"/api/users/{id}"))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
            foreach (var instance in ReadSide)
                await platform.RunCommandAsync(instance, KnownResourceCommands.StopCommand, timeout.Token);
            var stoppedAt = DateTime.UtcNow;
            await Eventually.HoldsAsync(() => Task.FromResult(reads.Since(stoppedAt).Count(a => a.OpenCircuit) >= 50), TimeSpan.FromSeconds(30),
                "the gateway to answer for the stopped read side with its open circuit");

            foreach (var instance in ReadSide)
                await platform.RunCommandAsync(instance, KnownResourceCommands.StartCommand, timeout.Token);
            foreach (var instance in ReadSide)
                await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(instance, timeout.Token);
            backAt = DateTime.UtcNow;
            await Eventually.HoldsAsync(() => Task.FromResult(reads.Since(backAt).Count(a => a.Status == HttpStatusCode.OK) >= 20), TimeSpan.FromSeconds(30),
                "reads to succeed again once the read side is back");
            answers = reads.Since(DateTime.MinValue);
        }

        var fallback = answers.Where(a => a.OpenCircuit).Select(a => a.Milliseconds).Order().ToList();
        var others = answers.Where(a => a.Status != HttpStatusCode.OK && !a.OpenCircuit).ToList();
        output.WriteLine($"Figures: circuit breaker: {answers.Count} GETs; {fallback.Count} answered by the open circuit, p50 "
            + $"{Percentile(fallback, 0.50):0.0} ms, p99 {Percentile(fallback, 0.99):0.0} ms; {others.Count} other failures while it opened "
            + $"({string.Join(", ", others.GroupBy(a => (int)a.Status).Select(g => $"{g.Key}: {g.Count()}"))}); closed again "
            + $"{(answers.First(a => a.At > backAt && a.Status == HttpStatusCode.OK).At - backAt).TotalSeconds:0.0} s after the read side was healthy");
        Assert.NotEmpty(fallback);
        Assert.True(Percentile(fallback, 0.99) < 1_000, "the open circuit's answer should not wait on the stopped service");
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
