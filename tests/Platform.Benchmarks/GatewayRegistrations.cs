using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Benchmarks;

/// <summary>POST /api/users through the gateway: validation, the event store, the email index, the outbox.</summary>
public sealed class GatewayRegistrations(Uri gateway, string runId) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
    {
        BaseAddress = gateway,
        Timeout = TimeSpan.FromSeconds(30),
    };

    private long issued; // every phase reuses worker numbers: a run-wide counter keeps emails unique

    public async Task<Guid?> RegisterAsync(int worker, long sequence)
    {
        using var response = await http.PostAsJsonAsync("/api/users",
            new { name = $"Bench {worker}-{sequence}", email = $"gw-{runId}-{Interlocked.Increment(ref issued)}@bench.example" });
        if (response.StatusCode != HttpStatusCode.Created)
            return null;
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public void Dispose() => http.Dispose();
}
