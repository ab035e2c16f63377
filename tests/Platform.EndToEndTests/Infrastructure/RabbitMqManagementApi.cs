using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// RabbitMQ's management API of the test's AppHost: what the broker itself says about its queues, asked as the user
/// the services connect as (guest with its password: "guest" for the local server, generated for the container).
/// </summary>
public static class RabbitMqManagementApi
{
    public static async Task<JsonElement> GetAsync(PlatformFixture platform, string path)
    {
        using var http = await ClientAsync(platform);
        return await http.GetFromJsonAsync<JsonElement>(path);
    }

    /// <summary>Up to <paramref name="count"/> messages of a (non-stream) queue, read and put back as they were.</summary>
    public static async Task<IReadOnlyList<string>> PeekAsync(PlatformFixture platform, string queue, int count)
    {
        using var http = await ClientAsync(platform);
        using var response = await http.PostAsJsonAsync($"/api/queues/%2F/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 100_000 });
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(message => message.ToString())];
    }

    private static async Task<HttpClient> ClientAsync(PlatformFixture platform)
    {
        var broker = new Uri((await platform.App.GetConnectionStringAsync("messaging"))!);
        var http = new HttpClient { BaseAddress = platform.App.GetEndpoint("messaging", "management") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(broker.UserInfo))));
        return http;
    }
}
