using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>A signed-up, signed-in user of the chat: their id, their token, and the HTTP API as they see it through the gateway.</summary>
public sealed record ChatUser(Guid Id, ChatApi Chat, string Token)
{
    /// <summary>Two new users, signed up at once.</summary>
    public static async Task<(ChatUser, ChatUser)> TwoAsync(PlatformFixture platform, string first, string second)
    {
        var accounts = new Accounts(platform);
        var signedUp = await Task.WhenAll(accounts.SignedUpAsync(first), accounts.SignedUpAsync(second));
        var users = signedUp.Select(user => new ChatUser(user.UserId, new ChatApi(platform.Gateway, user.AccessToken), user.AccessToken)).ToList();
        return (users[0], users[1]);
    }
}

/// <summary>The chat's HTTP API as one signed-in user sees it, through the gateway or straight at one instance.</summary>
public sealed class ChatApi(HttpClient server, string token)
{
    public Task<HttpResponseMessage> OpenRoomAsync(string name) => SendAsync(HttpMethod.Post, "/api/chat/rooms", new { name });

    public async Task<Guid> OpenedRoomAsync(string name)
    {
        using var response = await OpenRoomAsync(name);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The caller's rooms with their unread counts (GET /api/chat/rooms), failing the test on anything but 200.</summary>
    public async Task<JsonElement> RoomsJsonAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/chat/rooms");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public Task<HttpResponseMessage> SearchAsync(Guid room, string query) => SendAsync(HttpMethod.Get, $"/api/chat/rooms/{room}/search?q={Uri.EscapeDataString(query)}");

    public async Task<JsonElement> SearchJsonAsync(Guid room, string query)
    {
        using var response = await SearchAsync(room, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public Task<HttpResponseMessage> GetRoomAsync(Guid room) => SendAsync(HttpMethod.Get, $"/api/chat/rooms/{room}");

    public Task<HttpResponseMessage> JoinAsync(Guid room) => SendAsync(HttpMethod.Post, $"/api/chat/rooms/{room}/members");

    public Task<HttpResponseMessage> LeaveAsync(Guid room) => SendAsync(HttpMethod.Delete, $"/api/chat/rooms/{room}/members/me");

    public Task<HttpResponseMessage> OpenDirectAsync(Guid with) => SendAsync(HttpMethod.Post, "/api/chat/direct", new { with });

    public Task<HttpResponseMessage> PostAsync(Guid room, Guid messageId, string? text) =>
        SendAsync(HttpMethod.Post, $"/api/chat/rooms/{room}/messages", new { id = messageId, text });

    /// <summary>Posts a new message and returns its version, failing the test unless it was created.</summary>
    public async Task<long> PostedAsync(Guid room, string text)
    {
        using var response = await PostAsync(room, Guid.NewGuid(), text);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
    }

    public Task<HttpResponseMessage> ReportPositionAsync(Guid room, long delivered, long read) =>
        SendAsync(HttpMethod.Put, $"/api/chat/rooms/{room}/position", new { delivered, read });

    public Task<HttpResponseMessage> ReceiptsAsync(Guid room, Guid messageId) => SendAsync(HttpMethod.Get, $"/api/chat/rooms/{room}/messages/{messageId}/receipts");

    /// <summary>A post with whatever body the test gives, to see a malformed one refused.</summary>
    public Task<HttpResponseMessage> SendRawAsync(Guid room, object body) => SendAsync(HttpMethod.Post, $"/api/chat/rooms/{room}/messages", body);

    public Task<HttpResponseMessage> EditAsync(Guid room, Guid messageId, string text) =>
        SendAsync(HttpMethod.Patch, $"/api/chat/rooms/{room}/messages/{messageId}", new { text });

    public Task<HttpResponseMessage> DeleteAsync(Guid room, Guid messageId) => SendAsync(HttpMethod.Delete, $"/api/chat/rooms/{room}/messages/{messageId}");

    public Task<HttpResponseMessage> HistoryAsync(Guid room, string query = "") => SendAsync(HttpMethod.Get, $"/api/chat/rooms/{room}/messages{query}");

    public async Task<JsonElement> HistoryJsonAsync(Guid room, string query = "")
    {
        using var response = await HistoryAsync(room, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return server.SendAsync(request);
    }
}
