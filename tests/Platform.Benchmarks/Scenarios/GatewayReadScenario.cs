using System.Net;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// The gateway's overhead on a read route: GET /api/users/{id} through the gateway against the same request straight
/// to user-query's instances (alternating between them, as the gateway does), at the same concurrency.
/// </summary>
public sealed class GatewayReadScenario : IScenario
{
    public string Name => "gateway-read";

    public int Steps(BenchmarkOptions options) => 1 + 2 * options.Concurrency.Length;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        progress.Step("a user to read, and warm-up");
        var userId = await Registrations.RegisterAsync(system.Http, system.Gateway, $"reader-{Guid.NewGuid():N}@bench.example")
                     ?? throw new InvalidOperationException("The gateway did not register the user to read.");
        var path = $"/api/users/{userId}";
        await Until.TrueAsync(async () => await ReadAsync(system.Http, new Uri(system.Gateway, path)) is not null, TimeSpan.FromSeconds(10),
            $"user {userId} to reach the read model");
        var instances = system.UserQuery;
        Task<Guid?> ViaGateway(int worker, long i) => ReadAsync(system.Http, new Uri(system.Gateway, path));
        Task<Guid?> Direct(int worker, long i) => ReadAsync(system.Http, new Uri(instances[(int)((worker + i) % instances.Count)], path));
        await LoadResult.RunAsync(4, TimeSpan.FromSeconds(2), ViaGateway);
        await LoadResult.RunAsync(4, TimeSpan.FromSeconds(2), Direct);

        var results = new List<ScenarioResult>();
        foreach (var clients in options.Concurrency)
        {
            progress.Step($"through the gateway, {clients} clients");
            var gateway = await LoadResult.RunAsync(clients, options.Duration, ViaGateway);
            progress.Step($"straight to user-query, {clients} clients");
            var direct = await LoadResult.RunAsync(clients, options.Duration, Direct);
            results.Add(ScenarioResult.Of("gateway read", $"{clients} clients", gateway, "req/s", direct, "req/s",
                $"the same GET straight to user-query's {instances.Count} instances", "GET /api/users/{id} of one profile through the gateway"));
        }
        return results;
    }

    private static async Task<Guid?> ReadAsync(HttpClient http, Uri uri)
    {
        using var response = await http.GetAsync(uri);
        return response.StatusCode == HttpStatusCode.OK ? Guid.Empty : null;
    }
}
