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
        var broker = new Uri((await platform.App.GetConnectionStringAsync("messaging"))!);
        using var http = new HttpClient { BaseAddress = platform.App.GetEndpoint("messaging", "management") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(broker.UserInfo))));
        return await http.GetFromJsonAsync<JsonElement>(path);
    }
}
