using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Topology;

/// <summary>
/// RabbitMQ's management HTTP API (<c>Gateway:Topology:RabbitMqManagement</c>, http://user:password@host:port), with
/// its credentials: the topology reads queues through it, and the dead-letter routes inspect and move messages.
/// </summary>
public sealed class RabbitMqApi(HttpClient http, IOptions<TopologyOptions> options)
{
    /// <summary>The default virtual host, as the API's paths spell it.</summary>
    public const string VirtualHost = "%2F";

    public bool Configured => options.Value.RabbitMqManagement is not null;

    public async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null, ct);
        return (await response.Content.ReadFromJsonAsync<T>(ct))!;
    }

    public async Task<T> PostAsync<T>(string path, object body, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, path, body, ct);
        return (await response.Content.ReadFromJsonAsync<T>(ct))!;
    }

    public async Task PutAsync(string path, object body, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Put, path, body, ct);
    }

    /// <summary>The answer, or null when the API says 404 (no such queue).</summary>
    public async Task<T?> FindAsync<T>(string path, CancellationToken ct) where T : class
    {
        using var request = Request(HttpMethod.Get, path, null);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = Request(method, path, body);
        var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new HttpRequestException($"RabbitMQ's management API answered {method} {path} with {(int)response.StatusCode}: {detail}");
        }
        return response;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object? body)
    {
        var api = options.Value.RabbitMqManagement ?? throw new InvalidOperationException("Gateway:Topology:RabbitMqManagement is not set.");
        var request = new HttpRequestMessage(method, new Uri(new Uri(api.GetLeftPart(UriPartial.Authority) + "/"), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(api.UserInfo))));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }
}
