using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// A service's own token for calling another service's protected routes (the event-store history, the projections'
/// progress): the client credentials of <c>platform-services</c> (role <c>service</c>), asked of the identity server
/// inside the deployment and kept until shortly before it expires, one request at a time (ADR 0036).
/// </summary>
public sealed class ServiceTokens(IHttpClientFactory clients, IConfiguration configuration, TimeProvider clock)
{
    public const string Client = "platform-services";
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim one = new(1, 1);
    private (string Token, DateTimeOffset Until)? current;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (current is { } held && held.Until > clock.GetUtcNow())
            return held.Token;
        await one.WaitAsync(ct);
        try
        {
            if (current is { } fresh && fresh.Until > clock.GetUtcNow())
                return fresh.Token;
            var secret = configuration[$"{BearerTokenExtensions.Section}:ServicesClientSecret"]
                ?? throw new InvalidOperationException("Identity:ServicesClientSecret is not set: the AppHost passes the secret parameter services-client-secret.");
            var server = new Uri(configuration[$"{BearerTokenExtensions.Section}:Server"] ?? "http://user-command/");
            using var response = await clients.CreateClient("identity-server").PostAsync(new Uri(server, "connect/token"), new FormUrlEncodedContent(
                new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = Client, ["client_secret"] = secret, ["scope"] = BearerTokenExtensions.Scope }), ct);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"The identity server refused {Client}'s client credentials ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
            var answer = (await response.Content.ReadFromJsonAsync<TokenAnswer>(ct))!;
            current = (answer.AccessToken, clock.GetUtcNow() + TimeSpan.FromSeconds(answer.ExpiresIn) - Margin);
            return answer.AccessToken;
        }
        finally
        {
            one.Release();
        }
    }

    private sealed record TokenAnswer([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

/// <summary>Puts the service's own token on each request of an HTTP client to another service's protected routes.</summary>
public sealed class ServiceTokenHandler(ServiceTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}

public static class ServiceTokenExtensions
{
    /// <summary>This client calls another service's protected routes with the service's own token.</summary>
    public static IHttpClientBuilder WithServiceToken(this IHttpClientBuilder client)
    {
        client.Services.TryAddSingleton<ServiceTokens>(); // one token for the process, whichever client asks
        client.Services.TryAddTransient<ServiceTokenHandler>();
        return client.AddHttpMessageHandler<ServiceTokenHandler>();
    }
}
