using System.Net;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Time travel on one resource's routes (<c>/api/users</c>, <c>/api/orders</c>) as a client sees it through the gateway.</summary>
public sealed class TimeTravelApi(HttpClient gateway, string resource)
{
    public Task<HttpResponseMessage> AsOfAsync(Guid id, DateTimeOffset at) =>
        gateway.GetAsync($"{resource}/{id}/as-of?at={Instant(at)}");

    public Task<HttpResponseMessage> AtVersionAsync(Guid id, long version) =>
        gateway.GetAsync($"{resource}/{id}/as-of?version={version}");

    public Task<HttpResponseMessage> ChangesAsync(Guid id, DateTimeOffset from, DateTimeOffset to) =>
        gateway.GetAsync($"{resource}/{id}/changes?from={Instant(from)}&to={Instant(to)}");

    /// <summary>The state after <paramref name="version"/> events, and when the last of them was recorded.</summary>
    public async Task<(JsonElement State, DateTimeOffset RecordedAt)> VersionAsync(Guid id, long version)
    {
        var past = await OkAsync(AtVersionAsync(id, version));
        Assert.Equal(version, past.GetProperty("version").GetInt64());
        return (past.GetProperty("state"), past.GetProperty("lastEventAt").GetDateTimeOffset());
    }

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The midpoint of two recorded instants: strictly between them when they are at least two microseconds apart.</summary>
    public static DateTimeOffset Between(DateTimeOffset earlier, DateTimeOffset later) =>
        earlier + TimeSpan.FromTicks((later - earlier).Ticks / 2 / 10 * 10);

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToUniversalTime().ToString("O"));
}
