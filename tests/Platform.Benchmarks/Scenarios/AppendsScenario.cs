using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Registrations (POST /api/users: validation, the event append with its email-index row, and then off the request
/// path the forwarder, the bus and the read model) straight to user-command and through the gateway, against the raw
/// floor: the same row inserted with plain Npgsql, one transaction each, at the same concurrency. The gateway phase
/// is also the end-to-end one: how long each registration took to reach the read model.
/// </summary>
public sealed class AppendsScenario : IScenario
{
    public string Name => "appends";

    private readonly List<Section> sections = [];

    public int Steps(BenchmarkOptions options) => 1 + 5 * options.Concurrency.Length;

    /// <summary>At the highest concurrency, straight to user-command: where a registration's time goes.</summary>
    public IReadOnlyList<Section> Sections => sections;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        await using var commandDb = NpgsqlDataSource.Create(options.Database("usercommand"));
        await using var queryDb = NpgsqlDataSource.Create(options.Database("userquery"));
        await using var serverDb = NpgsqlDataSource.Create(options.Database("postgres"));
        await using var fanOut = new FanOut(options);
        sections.Clear();
        var raw = new RawInserts(commandDb, runId);
        var lag = new ReadModelLag(queryDb);
        await raw.PrepareAsync();
        var issued = 0L;
        Task<Guid?> RegisterAsync(Uri server) =>
            Registrations.RegisterAsync(system.Http, server, $"append-{runId}-{Interlocked.Increment(ref issued)}@bench.example");

        progress.Step("warm-up");
        await LoadResult.RunAsync(4, TimeSpan.FromSeconds(2), (_, _) => RegisterAsync(system.UserCommand));
        await LoadResult.RunAsync(4, TimeSpan.FromSeconds(2), (_, _) => RegisterAsync(system.Gateway));
        await LoadResult.RunAsync(4, TimeSpan.FromSeconds(1), raw.InsertAsync);

        var results = new List<ScenarioResult>();
        var lagRows = new List<string[]>();
        foreach (var clients in options.Concurrency)
        {
            var load = $"{clients} clients";
            progress.Step($"direct to user-command, {load}");
            var breakdown = await Breakdown.StartAsync(serverDb);
            var direct = await LoadResult.RunAsync(clients, options.Duration, (_, _) => RegisterAsync(system.UserCommand));
            // Until every consumer has handled them: the next phase starts with no backlog, and the breakdown includes the work they caused.
            progress.Step($"consumers catching up with {direct.Ids.Count:N0} registrations");
            await fanOut.WaitUntilHandledAsync(direct.Ids, TimeSpan.FromMinutes(3));
            if (clients == options.Concurrency.Max())
                sections.AddRange(await breakdown.FinishAsync(direct.Completed, "registration",
                    $"direct to user-command, {load}, until read model, order context and mail have them all"));
            progress.Step($"through the gateway, {load}");
            var gateway = await LoadResult.RunAsync(clients, options.Duration, (_, _) => RegisterAsync(system.Gateway));
            progress.Step($"read-model lag of {gateway.Ids.Count:N0} registrations");
            await fanOut.WaitUntilHandledAsync(gateway.Ids, TimeSpan.FromMinutes(3)); // and the floor then runs on a quiet machine
            var lags = await lag.ReadAsync(gateway.Ids);
            progress.Step($"raw Npgsql inserts, {load}");
            var floor = await LoadResult.RunAsync(clients, options.Duration, raw.InsertAsync);

            const string floorName = "INSERT of the same row, one transaction each (Npgsql)";
            results.Add(ScenarioResult.Of("append, direct", load, direct, "reg/s", floor, "ins/s", floorName, "POST /api/users to user-command"));
            results.Add(ScenarioResult.Of("append, gateway", load, gateway, "reg/s", floor, "ins/s", floorName, "POST /api/users through the gateway"));
            var missing = gateway.Ids.Count - lags.Length;
            lagRows.Add([clients.ToString(CultureInfo.InvariantCulture), $"{gateway.PerSecond:N0}", Ms(Percentile.Of(lags, 50)), Ms(Percentile.Of(lags, 99)),
                Ms(Percentile.Of(lags, 100)), missing.ToString(CultureInfo.InvariantCulture)]);
        }
        sections.Add(new Section("End to end: command → read model", ["clients", "reg/s through the gateway", "lag p50 ms", "lag p99 ms", "lag max ms", "not projected"],
            lagRows, "Every registration of the gateway phase, from the event's append to its row in user-query's read model, both on the PostgreSQL server's clock."));
        return results;
    }

    private static string Ms(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}

/// <summary>POST /api/users to any server that serves it (user-command or the gateway).</summary>
public static class Registrations
{
    /// <param name="traceParent">A W3C trace context to send, so the benchmark can find the registration's trace.</param>
    public static async Task<Guid?> RegisterAsync(HttpClient http, Uri server, string email, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/api/users"))
        {
            Content = JsonContent.Create(new { name = "Bench User", email }),
        };
        if (traceParent is not null)
            request.Headers.Add("traceparent", traceParent);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
            return null;
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
