using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The public /api/users contract as a client sees it through the gateway.</summary>
public sealed class UsersApi(HttpClient gateway)
{
    public static string UniqueEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    public Task<HttpResponseMessage> RegisterAsync(string name, string email) =>
        gateway.PostAsJsonAsync("/api/users", new { name, email });

    /// <summary>Registers a user and returns its id, failing the test if registration is refused.</summary>
    public async Task<Guid> RegisterNewAsync(string name, string? email = null)
    {
        using var response = await RegisterAsync(name, email ?? UniqueEmail(name.ToLowerInvariant().Replace(' ', '.')));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Registers a user as a traced client would, in a trace of the caller's choosing; returns its id.</summary>
    public async Task<Guid> RegisterInTraceAsync(string name, ActivityTraceId traceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users")
        {
            Content = JsonContent.Create(new { name, email = UniqueEmail(name.ToLowerInvariant().Replace(' ', '.')) }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> ChangeEmailAsync(Guid id, string email, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/users/{id}/email") { Content = JsonContent.Create(new { email }) };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return gateway.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(Guid id) => gateway.GetAsync($"/api/users/{id}");

    /// <summary>The read model's view of a user once it satisfies <paramref name="until"/> (default: it exists).</summary>
    public Task<JsonElement> WaitForProfileAsync(Guid id, TimeSpan within, Func<JsonElement, bool>? until = null) =>
        Eventually.GetAsync(async () =>
        {
            using var response = await GetAsync(id);
            if (response.StatusCode != HttpStatusCode.OK)
                return (false, default(JsonElement));
            var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (until is null || until(profile), profile);
        }, within, $"user {id} in the read model");

    /// <summary>The read model's statistics of a user (its registration's own time among them), once it has them.</summary>
    public Task<JsonElement> WaitForStatisticsAsync(Guid id, TimeSpan within) =>
        Eventually.GetAsync(async () =>
        {
            using var response = await gateway.GetAsync($"/api/users/{id}/stats");
            return (response.StatusCode == HttpStatusCode.OK,
                response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default);
        }, within, $"user {id}'s statistics");

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await gateway.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
