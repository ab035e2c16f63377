using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Analytics;

/// <summary>
/// The analytics speed layer on the real log (a RabbitMQ stream fed by the events' exchanges): every registration is
/// counted exactly once, also across a SIGKILL of the analytics service in the middle of a burst.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class SpeedLayerTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Analytics = "analytics";
    private readonly UsersApi users = new(platform.Gateway);
    private readonly AnalyticsApi analytics = new(platform.Gateway);

    [Fact]
    public async Task After_N_registrations_the_metrics_show_exactly_N_more()
    {
        var before = await analytics.SettledRegistrationsAsync();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => users.RegisterNewAsync($"Counted {i}")));

        await analytics.AssertRegistrationsAsync(before + 12, TimeSpan.FromSeconds(15));
        var minute = await platform.Gateway.GetFromJsonAsync<JsonElement>("/api/analytics/metrics?granularity=minute");
        Assert.Equal(60, minute.GetProperty("buckets").GetArrayLength()); // the hour up to the current minute, zeros included
        Assert.True(minute.GetProperty("totals").GetProperty("activeUsers").GetInt64() >= 12);

        // Up to four hours of today, by day: the whole of today, with the registrations just counted (issue 19: it was
        // refused as an empty window).
        var to = DateTimeOffset.UtcNow;
        var today = new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero);
        var from = to.AddHours(-4) > today ? to.AddHours(-4) : today.AddTicks(1);
        using var inside = await platform.Gateway.GetAsync(
            $"/api/analytics/metrics?granularity=day&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        var day = await inside.Content.ReadFromJsonAsync<JsonElement>();
        var bucket = Assert.Single(day.GetProperty("buckets").EnumerateArray());
        Assert.Equal(today, bucket.GetProperty("start").GetDateTimeOffset());
        Assert.True(day.GetProperty("totals").GetProperty("registrations").GetInt64() >= 12, day.ToString());
    }

    [Fact]
    public async Task Killing_the_analytics_service_in_a_burst_of_registrations_ends_with_exact_counts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var before = await analytics.SettledRegistrationsAsync();
        const int burst = 240;

        var registered = 0;
        var registering = Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; i < burst; i += 4)
            {
                await users.RegisterNewAsync($"Burst {i}");
                Interlocked.Increment(ref registered);
            }
        })));
        await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref registered) >= burst / 10), TimeSpan.FromSeconds(60),
            "the burst under way");
        await ResourceProcess.KillAsync(platform.App, Analytics, timeout.Token);
        var killedAfter = Volatile.Read(ref registered);
        Assert.True(killedAfter < burst, "analytics must die in the middle of the burst, not after it");
        await registering; // the burst goes on while analytics is down: publishers do not depend on it once started
        await platform.Resources.StartAsync(Analytics, timeout.Token);

        await analytics.AssertRegistrationsAsync(before + burst, TimeSpan.FromSeconds(30));
        output.WriteLine($"Figures: analytics SIGKILL: {burst} registrations in a burst, analytics killed after {killedAfter}; counted {burst} after the restart, none twice");
    }

    [Fact]
    public async Task A_bad_query_is_a_400_problem()
    {
        using var granularity = await platform.Gateway.GetAsync("/api/analytics/metrics?granularity=week");
        await ProblemAssert.IsProblemAsync(granularity, HttpStatusCode.BadRequest);
        using var window = await platform.Gateway.GetAsync("/api/analytics/metrics?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z");
        await ProblemAssert.IsProblemAsync(window, HttpStatusCode.BadRequest);
        using var tooMany = await platform.Gateway.GetAsync("/api/analytics/metrics?granularity=minute&from=2020-01-01T00:00:00Z");
        await ProblemAssert.IsProblemAsync(tooMany, HttpStatusCode.BadRequest);
    }
}
