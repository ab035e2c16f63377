using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Benchmarks;

/// <summary>
/// What the gateway costs: the same requests through the gateway and straight to the service's instances, in the same
/// run, for a read (GET /api/users/{id}, user-query's instances) and for registrations (POST /api/users,
/// user-command). The instances' addresses come from the control plane (GET /api/admin/services, with ADMIN_TOKEN,
/// which bench.sh mints with ./admin-token.sh). Direct reads alternate between the instances, as the gateway does.
/// </summary>
public static class GatewayOverheadBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(30) };
        var (readSide, writeSide) = await DiscoverAsync(http, options.Gateway);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var userId = await SeedUserAsync(http, options.Gateway, runId);

        Console.WriteLine($"Gateway overhead: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores shared by this client, " +
                          $"the gateway and the services, {options.Duration.TotalSeconds:0} s per phase");
        Console.WriteLine($"Direct: user-query at {string.Join(" and ", readSide.Select(uri => uri.Authority))} (alternating), user-command at {writeSide.Authority}.");
        Console.WriteLine();
        Console.WriteLine("| route | concurrency | via gateway req/s | p50 ms | p99 ms | errors | direct req/s | p50 ms | p99 ms | errors | throughput ratio | added p50 ms | added p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var issued = 0L;
        Task<Guid?> ReadAsync(Uri server) => SucceedsAsync(http.GetAsync(new Uri(server, $"/api/users/{userId}")), HttpStatusCode.OK, userId);
        Task<Guid?> RegisterAsync(Uri server) => SucceedsAsync(http.PostAsJsonAsync(new Uri(server, "/api/users"),
            new { name = "Overhead Bench", email = $"overhead-{runId}-{Interlocked.Increment(ref issued)}@bench.example" }), HttpStatusCode.Created, Guid.Empty);

        (string Route, Func<int, long, Task<Guid?>> ViaGateway, Func<int, long, Task<Guid?>> Direct)[] routes =
        [
            ("GET /api/users/{id}", (_, _) => ReadAsync(options.Gateway), (worker, i) => ReadAsync(readSide[(int)((worker + i) % readSide.Count)])),
            ("POST /api/users", (_, _) => RegisterAsync(options.Gateway), (_, _) => RegisterAsync(writeSide)),
        ];
        foreach (var (route, viaGateway, direct) in routes)
        {
            // Warm-up: JIT, connection pools, the services' compiled plans.
            await LoadResult.RunAsync(4, TimeSpan.FromSeconds(2), viaGateway);
            await LoadResult.RunAsync(4, TimeSpan.FromSeconds(2), direct);
            foreach (var workers in options.Concurrency)
            {
                var gateway = await LoadResult.RunAsync(workers, options.Duration, viaGateway);
                var straight = await LoadResult.RunAsync(workers, options.Duration, direct);
                Console.WriteLine($"| {route} | {workers} | {gateway.PerSecond:0} | {P(gateway, 50):0.0} | {P(gateway, 99):0.0} | {gateway.Failed} | " +
                                  $"{straight.PerSecond:0} | {P(straight, 50):0.0} | {P(straight, 99):0.0} | {straight.Failed} | " +
                                  $"{gateway.PerSecond / straight.PerSecond:0.00}x | {P(gateway, 50) - P(straight, 50):0.0} | {P(gateway, 99) - P(straight, 99):0.0} |");
            }
        }
    }

    private static double P(LoadResult result, double percentile) => Percentile.Of(result.LatenciesMs, percentile);

    private static async Task<Guid?> SucceedsAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected, Guid id)
    {
        using var response = await sending;
        return response.StatusCode == expected ? id : null;
    }

    /// <summary>user-query's instances and user-command's address, as the gateway's control plane lists them.</summary>
    private static async Task<(IReadOnlyList<Uri> ReadSide, Uri WriteSide)> DiscoverAsync(HttpClient http, Uri gateway)
    {
        var token = Environment.GetEnvironmentVariable("ADMIN_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
            throw new InvalidOperationException("ADMIN_TOKEN is not set: run this through ./bench.sh, which mints one with ./admin-token.sh.");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, "/api/admin/services"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var services = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .ToDictionary(service => service.GetProperty("name").GetString()!, service => service.GetProperty("instances").EnumerateArray()
                .Select(instance => new Uri(instance.GetProperty("address").GetString()!)).ToList());
        return (services["user-query"], services["user-command"].Single());
    }

    /// <summary>A user to read, registered through the gateway and waited for on the read side.</summary>
    private static async Task<Guid> SeedUserAsync(HttpClient http, Uri gateway, string runId)
    {
        using var registered = await http.PostAsJsonAsync(new Uri(gateway, "/api/users"), new { name = "Overhead Reader", email = $"overhead-reader-{runId}@bench.example" });
        registered.EnsureSuccessStatusCode();
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var read = await http.GetAsync(new Uri(gateway, $"/api/users/{id}"));
            if (read.StatusCode == HttpStatusCode.OK)
                return id;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"user {id} did not reach the read side within 10 s");
    }
}
