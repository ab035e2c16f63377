using System.Diagnostics;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests.Analytics;

/// <summary>The live side of analytics: Server-Sent Events through the gateway, and the /analytics page that shows them.</summary>
[Collection(PlatformCollection.Name)]
public sealed class LiveAnalyticsTests(PlatformFixture platform, ITestOutputHelper output)
{
    private readonly UsersApi users = new(platform.Gateway);

    [Fact]
    public async Task The_live_stream_pushes_a_registration_within_a_second()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await new AnalyticsApi(platform.Gateway).SettledRegistrationsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/analytics/live");
        using var response = await platform.Gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = System.Net.ServerSentEvents.SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        var current = await NextMetricsAsync(events); // the state at once, on subscribing

        var delays = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await users.RegisterNewAsync($"Live {i}");
            var registered = Stopwatch.StartNew();
            long now;
            do
                now = await NextMetricsAsync(events);
            while (now <= current);
            delays.Add(registered.Elapsed.TotalMilliseconds);
            current = now;
        }

        output.WriteLine($"Figures: analytics live: a registration reached the SSE stream through the gateway in {string.Join(", ", delays.Select(d => $"{d:0} ms"))} after its 201");
        Assert.True(delays.Order().ElementAt(1) < 1_000, $"the median push took {delays.Order().ElementAt(1):0} ms");
    }

    [Fact]
    public async Task The_analytics_page_shows_the_counters_change_as_users_register()
    {
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(platform.Gateway.BaseAddress!, "/analytics"));
        var counter = page.Locator("#registrations");
        await Expect(counter).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+$"), new() { Timeout = 15_000 });
        await Expect(page.Locator("#chart canvas")).ToBeVisibleAsync();
        var before = long.Parse(await counter.TextContentAsync() ?? "0");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => users.RegisterNewAsync($"Watched {i}")));

        await Expect(counter).Not.ToHaveTextAsync(before.ToString(), new() { Timeout = 10_000 });
        Assert.True(long.Parse(await counter.TextContentAsync() ?? "0") > before);
        Assert.Empty(browser.PageErrors);
    }

    /// <summary>The registrations of the next "metrics" event (heartbeats are skipped).</summary>
    private static async Task<long> NextMetricsAsync(IAsyncEnumerator<System.Net.ServerSentEvents.SseItem<string>> events)
    {
        while (await events.MoveNextAsync())
            if (events.Current.EventType == "metrics")
                return JsonDocument.Parse(events.Current.Data).RootElement.GetProperty("totals").GetProperty("registrations").GetInt64();
        throw new Xunit.Sdk.XunitException("the live stream ended");
    }
}
