using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The analytics service's metrics, batch runs and replays, through the gateway (the admin routes with <paramref name="admin"/>).</summary>
public sealed class AnalyticsApi(HttpClient gateway, HttpClient? admin = null)
{
    private HttpClient Admin => admin ?? throw new InvalidOperationException("Pass the fixture's admin client for the admin routes.");

    /// <summary>The totals over today and yesterday (UTC): every event the tests cause falls in it.</summary>
    public async Task<JsonElement> TotalsAsync()
    {
        var from = DateTimeOffset.UtcNow.Date.AddDays(-1).ToString("O");
        var metrics = await gateway.GetFromJsonAsync<JsonElement>($"/api/analytics/metrics?granularity=day&from={Uri.EscapeDataString(from)}");
        return metrics.GetProperty("totals");
    }

    public async Task<long> RegistrationsAsync() => (await TotalsAsync()).GetProperty("registrations").GetInt64();

    /// <summary>
    /// The registrations from the minute of <paramref name="since"/> on: a batch run that corrects older minutes (an
    /// earlier test's duplicate published with a fresh message id, which the history does not have) leaves it alone.
    /// </summary>
    public async Task<long> RegistrationsSinceAsync(DateTimeOffset since)
    {
        var minute = new DateTimeOffset(since.Year, since.Month, since.Day, since.Hour, since.Minute, 0, TimeSpan.Zero).ToString("O");
        var metrics = await gateway.GetFromJsonAsync<JsonElement>($"/api/analytics/metrics?granularity=minute&from={Uri.EscapeDataString(minute)}");
        return metrics.GetProperty("totals").GetProperty("registrations").GetInt64();
    }

    public Task<long> SettledRegistrationsSinceAsync(DateTimeOffset since) => SettledAsync(() => RegistrationsSinceAsync(since), "the registration count");

    public async Task<JsonElement> SettledTotalsAsync() => JsonDocument.Parse(await SettledAsync(async () => (await TotalsAsync()).GetRawText(), "the totals")).RootElement;

    public Task<long> SettledRegistrationsAsync() => SettledAsync(RegistrationsAsync, "the registration count");

    /// <summary>A reading once it has stopped moving (the same on two reads a second apart): the log is drained.</summary>
    private static Task<T> SettledAsync<T>(Func<Task<T>> read, string what) =>
        Eventually.GetAsync(async () =>
        {
            var first = await read();
            await Task.Delay(TimeSpan.FromSeconds(1));
            return (EqualityComparer<T>.Default.Equals(first, await read()), first);
        }, TimeSpan.FromSeconds(30), $"{what} to settle");

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

    /// <summary>Asks for a batch run and waits for it to complete; returns the run.</summary>
    public async Task<JsonElement> RunBatchAsync(DateTimeOffset? watermark, TimeSpan within)
    {
        using var requested = await Admin.PostAsJsonAsync("/api/admin/analytics/batch", new { watermark });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, requested.StatusCode);
        var id = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var run = await Eventually.GetAsync(async () =>
        {
            var status = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/analytics/batch");
            var found = status.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
            return (found.GetProperty("state").GetString() is "Completed" or "Failed", found);
        }, within, $"batch run {id} to finish");
        Assert.True(run.GetProperty("state").GetString() == "Completed", $"the batch run failed: {run}");
        return run;
    }

    /// <summary>Every metric over today and yesterday by hour, as JSON text: two answers are equal when their texts are.</summary>
    public async Task<string> SnapshotAsync()
    {
        var from = DateTimeOffset.UtcNow.Date.AddDays(-1).ToString("O");
        var metrics = await gateway.GetFromJsonAsync<JsonElement>($"/api/analytics/metrics?granularity=hour&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.Date.AddDays(1).ToString("O"))}");
        return JsonSerializer.Serialize(new { totals = metrics.GetProperty("totals"), buckets = metrics.GetProperty("buckets") });
    }

    public Task<string> SettledSnapshotAsync() => SettledAsync(SnapshotAsync, "the metrics");
}
