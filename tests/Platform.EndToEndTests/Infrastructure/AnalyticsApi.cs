using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The analytics service's metrics, through the gateway.</summary>
public sealed class AnalyticsApi(HttpClient gateway)
{
    /// <summary>The totals over today and yesterday (UTC): every event the tests cause falls in it.</summary>
    public async Task<JsonElement> TotalsAsync()
    {
        var from = DateTimeOffset.UtcNow.Date.AddDays(-1).ToString("O");
        var metrics = await gateway.GetFromJsonAsync<JsonElement>($"/api/analytics/metrics?granularity=day&from={Uri.EscapeDataString(from)}");
        return metrics.GetProperty("totals");
    }

    public async Task<long> RegistrationsAsync() => (await TotalsAsync()).GetProperty("registrations").GetInt64();

    /// <summary>The count once it has stopped moving (the same on two reads a second apart): the log is drained.</summary>
    public Task<long> SettledRegistrationsAsync() =>
        Eventually.GetAsync(async () =>
        {
            var first = await RegistrationsAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
            return (first == await RegistrationsAsync(), first);
        }, TimeSpan.FromSeconds(30), "the registration count to settle");

    /// <summary>Waits for exactly <paramref name="expected"/>, then checks it stays there (no late second count).</summary>
    public async Task AssertRegistrationsAsync(long expected, TimeSpan within)
    {
        var reached = await Eventually.GetAsync(async () =>
        {
            var count = await RegistrationsAsync();
            return (count >= expected, count);
        }, within, $"{expected} registrations counted");
        Assert.Equal(expected, reached);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(expected, await RegistrationsAsync());
    }
}
