using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>RabbitMQ's management API of the test's AppHost, as guest: what the broker itself says about its queues.</summary>
public static class RabbitMqManagementApi
{
    public static async Task<JsonElement> GetAsync(PlatformFixture platform, string path)
    {
        using var http = new HttpClient { BaseAddress = platform.App.GetEndpoint("messaging", "management") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        return await http.GetFromJsonAsync<JsonElement>(path);
    }
}
