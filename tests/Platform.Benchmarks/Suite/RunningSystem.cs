using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// The dev run (./run.sh) as the benchmark finds it: the gateway from the AppHost's settings, and each service's own
/// instances from the gateway's control plane (GET /api/admin/services, with the ADMIN_TOKEN that bench.sh mints), so
/// "direct" phases reach the same processes the gateway routes to, with no option to pass.
/// </summary>
public sealed class RunningSystem : IDisposable
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<Uri>> services;

    private RunningSystem(HttpClient http, Uri gateway, IReadOnlyDictionary<string, IReadOnlyList<Uri>> services)
    {
        Http = http;
        Gateway = gateway;
        this.services = services;
    }

    /// <summary>One client for every HTTP phase, with enough connections for the highest concurrency.</summary>
    public HttpClient Http { get; }

    public Uri Gateway { get; }

    public Uri UserCommand => services["user-command"][0];

    public IReadOnlyList<Uri> UserQuery => services["user-query"];

    /// <summary>A service's first instance, if the control plane lists it.</summary>
    public Uri? Service(string name) => services.TryGetValue(name, out var instances) && instances.Count > 0 ? instances[0] : null;

    public static async Task<RunningSystem> FindAsync(BenchmarkOptions options)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            return new RunningSystem(http, options.Gateway, await ListServicesAsync(http, options.Gateway));
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<Uri>>> ListServicesAsync(HttpClient http, Uri gateway)
    {
        var token = Environment.GetEnvironmentVariable("ADMIN_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
            throw new BenchmarkSetupException("ADMIN_TOKEN is not set: run the benchmark through ./bench.sh, which mints one with ./admin-token.sh.");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, "/api/admin/services"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            using var quickly = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            response = await http.SendAsync(request, quickly.Token);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            throw new BenchmarkSetupException($"No gateway answers at {gateway} ({error.Message}). Start the system first with ./run.sh.");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new BenchmarkSetupException($"The gateway's control plane answered {(int)response.StatusCode} to GET /api/admin/services: " +
                                                  await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(
                service => service.GetProperty("name").GetString()!,
                service => (IReadOnlyList<Uri>)[.. service.GetProperty("instances").EnumerateArray().Select(instance => new Uri(instance.GetProperty("address").GetString()!))]);
        }
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>The benchmark cannot start: the message says what to do.</summary>
public sealed class BenchmarkSetupException(string message) : Exception(message);
