using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// The read side runs as two instances behind the gateway: the load spreads over both, a killed instance loses no
/// GET (the gateway retries on the other, and its health checks take the dead one out), and a restarted instance
/// is brought back into rotation with no manual step.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReplicaTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Victim = "user-query-2";
    private readonly UsersApi users = new(platform.Gateway);

    [Fact]
    public async Task Killing_one_read_side_instance_under_steady_reads_loses_no_GET_and_it_comes_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var id = await users.RegisterNewAsync("Replica Reader");
        await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(10));

        var answers = new ConcurrentQueue<(DateTime At, HttpStatusCode Status, string? ServedBy)>();
        using var stopReading = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stopReading.IsCancellationRequested)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{id}");
                    // Not sampled: thousands of reads would crowd the other tests' traces out of the dashboard.
                    request.Headers.Add("traceparent", $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00");
                    using var response = await platform.Gateway.SendAsync(request, CancellationToken.None);
                    answers.Enqueue((DateTime.UtcNow, response.StatusCode, response.Headers.TryGetValues("X-Served-By", out var by) ? by.Single() : null));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    answers.Enqueue((DateTime.UtcNow, 0, null)); // no answer at all counts as a lost GET
                }
                await Task.Delay(20); // steady, not flat out: about 150 reads a second in all
            }
        })).ToList();

        await Eventually.HoldsAsync(() => Task.FromResult(ServedBy(answers, DateTime.MinValue).Count == 2), TimeSpan.FromSeconds(20),
            "both instances to serve reads");
        await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
        var balanced = answers.ToList();
        var before = platform.App.GetEndpoint(Victim, "http");
        await ResourceProcess.KillAsync(platform.App, Victim, timeout.Token);
        var killedAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(4), timeout.Token);
        await platform.RunCommandAsync(Victim, KnownResourceCommands.StartCommand, timeout.Token);
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(Victim, timeout.Token);
        var restartedAt = DateTime.UtcNow;
        output.WriteLine($"{Victim} at {before} before, {platform.App.GetEndpoint(Victim, "http")} after its restart");
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(ServedBy(answers, restartedAt).Contains(Victim)), TimeSpan.FromSeconds(30),
                $"{Victim} to serve reads again after its restart");
        }
        catch (TimeoutException late)
        {
            var gatewayLog = await platform.Telemetry.LogsAsync("gateway", Victim, CancellationToken.None);
            var lines = System.Text.RegularExpressions.Regex.Matches(gatewayLog, "\"body\":\\{\"stringValue\":\"([^\"]*)\"").Select(m => m.Groups[1].Value).TakeLast(12);
            Assert.Fail($"{late.Message}; answers since: {Summary(answers.Where(answer => answer.At > restartedAt))}; the gateway's log: {string.Join(" | ", lines)}");
        }
        await stopReading.CancelAsync();
        await Task.WhenAll(readers);

        var failed = answers.Where(answer => answer.Status != HttpStatusCode.OK).ToList();
        var whileDown = answers.Count(answer => answer.At > killedAt && answer.At < restartedAt);
        output.WriteLine($"Figures: gateway replicas: {answers.Count} GETs, {failed.Count} failed; {whileDown} while {Victim} was down; "
            + Summary(answers));
        Assert.True(failed.Count == 0, $"{failed.Count} GETs failed: {string.Join(", ", failed.Select(f => f.Status).Distinct())}");
        Assert.True(whileDown > 0, "reads should have gone on while the instance was down");
        var share = balanced.Count(answer => answer.ServedBy == Victim) / (double)balanced.Count;
        Assert.True(share is > 0.3 and < 0.7, $"with both up, {Victim} served {share:P0} of the reads: {Summary(balanced)}");
    }

    private static string Summary(IEnumerable<(DateTime At, HttpStatusCode Status, string? ServedBy)> answers) =>
        string.Join(", ", answers.GroupBy(answer => (answer.ServedBy, answer.Status)).Select(group => $"{group.Key.ServedBy ?? "nobody"} {(int)group.Key.Status}: {group.Count()}"));

    private static HashSet<string?> ServedBy(IEnumerable<(DateTime At, HttpStatusCode Status, string? ServedBy)> answers, DateTime since) =>
        [.. answers.Where(answer => answer.At > since && answer.Status == HttpStatusCode.OK).Select(answer => answer.ServedBy)];
}
