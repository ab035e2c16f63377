using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Benchmarks.Suite;
using Platform.Sharding;
using Platform.UserCommand.Infrastructure.Sharding;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Registrations with the users' event store on 3, 2 and 1 shards (issue 22), straight to user-command at the highest
/// concurrency: the running system's own online rebalance drains the ring one shard at a time, and adds them back at
/// the end. The floor, in the same run: the same row inserted with plain Npgsql on the shard server the ring places
/// the user on. On a machine of few cores every server shares the same CPUs, so this shows the overhead of the
/// shards more than their scale.
/// </summary>
public sealed class ShardsScenario : IScenario
{
    public string Name => "shards";

    public int Steps(BenchmarkOptions options) => 2 + 3 * 4 + 2;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var admin = new ShardAdmin(system.Http, options.Gateway);
        progress.Step("reading the ring");
        var shards = await admin.WaitUntilIdleAsync();
        var ring = shards.Where(shard => shard.State == "active").Select(shard => shard.Id).ToList();
        await using var fanOut = new FanOut(options);
        var servers = new Dictionary<string, NpgsqlDataSource>();
        foreach (var shard in shards)
            servers[shard.Id] = NpgsqlDataSource.Create(shard.ConnectionString);
        try
        {
            var inserts = servers.ToDictionary(server => server.Key, server => new RawInserts(server.Value, runId)); // one each: its emails stay unique
            foreach (var raw in inserts.Values)
                await raw.PrepareAsync();
            var clients = options.Concurrency.Max();
            var load = $"{clients} clients";
            var issued = 0L;
            Task<Guid?> RegisterAsync() =>
                Registrations.RegisterAsync(system.Http, system.UserCommand, $"shards-{runId}-{Interlocked.Increment(ref issued)}@bench.example");
            progress.Step("warm-up");
            await fanOut.WaitUntilHandledAsync((await LoadResult.RunAsync(4, TimeSpan.FromSeconds(2), (_, _) => RegisterAsync())).Ids, TimeSpan.FromMinutes(3));
            await LoadResult.RunAsync(4, TimeSpan.FromSeconds(1), inserts[ring[0]].InsertAsync);
            var results = new List<ScenarioResult>();
            var current = ring.ToList();
            for (var size = ring.Count; size >= 1; size--)
            {
                while (current.Count > size)
                {
                    progress.Step($"draining {current[^1]} (online rebalance)");
                    await admin.DrainAsync(current[^1]);
                    current.RemoveAt(current.Count - 1);
                }
                progress.Step($"{size} shard(s): registrations, {load}");
                var registered = await LoadResult.RunAsync(clients, options.Duration, (_, _) => RegisterAsync());
                // Until every consumer has handled them: the floor and the next rebalance start with no backlog.
                progress.Step($"{size} shard(s): consumers catching up with {registered.Ids.Count:N0} registrations");
                await fanOut.WaitUntilHandledAsync(registered.Ids, TimeSpan.FromMinutes(3));
                progress.Step($"{size} shard(s): raw Npgsql inserts on the user's shard, {load}");
                var places = UserBuckets.Space.Place(UserBuckets.Space.Ring(current));
                var floor = await LoadResult.RunAsync(clients, options.Duration, (worker, sequence) =>
                    inserts[places[UserBuckets.Space.BucketOf(Guid.NewGuid())]].InsertAsync(worker, sequence));
                results.Add(ScenarioResult.Of($"append, {size} shard{(size == 1 ? "" : "s")}", load, registered, "reg/s", floor, "ins/s",
                    "INSERT of the same row on the user's shard (Npgsql)", $"POST /api/users to user-command; ring {string.Join(", ", current)}"));
            }
            foreach (var shard in ring.Except(current))
            {
                progress.Step($"adding {shard} back (online rebalance)");
                await admin.AddAsync(shard);
            }
            return results;
        }
        finally
        {
            foreach (var server in servers.Values)
                await server.DisposeAsync();
        }
    }

    /// <summary>user-command's shard admin through the gateway, with an admin token minted again before it expires (5 min).</summary>
    private sealed class ShardAdmin(HttpClient http, Uri gateway)
    {
        private static readonly TimeSpan RebalanceLimit = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan TokenLife = TimeSpan.FromMinutes(4);
        private (string Token, DateTimeOffset MintedAt)? token;

        public async Task<IReadOnlyList<Shard>> WaitUntilIdleAsync()
        {
            var until = DateTimeOffset.UtcNow + RebalanceLimit;
            while (true)
            {
                var view = await SendAsync(HttpMethod.Get, "/api/admin/shards");
                var rebalance = view.GetProperty("rebalance");
                if (rebalance.ValueKind == JsonValueKind.Null || rebalance.GetProperty("finishedAt").ValueKind != JsonValueKind.Null)
                    return [.. view.GetProperty("shards").EnumerateArray().Select(Shard.From)];
                if (rebalance.GetProperty("failure").GetString() is { } failure)
                    throw new InvalidOperationException($"The rebalance of {rebalance.GetProperty("shard").GetString()} stopped: {failure}");
                if (DateTimeOffset.UtcNow > until)
                    throw new TimeoutException($"The rebalance of {rebalance.GetProperty("shard").GetString()} did not finish within {RebalanceLimit.TotalMinutes} min.");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        public async Task DrainAsync(string shard)
        {
            await SendAsync(HttpMethod.Delete, $"/api/admin/shards/{shard}");
            await WaitUntilIdleAsync();
        }

        public async Task AddAsync(string shard)
        {
            await SendAsync(HttpMethod.Post, "/api/admin/shards", JsonContent.Create(new { server = shard }));
            await WaitUntilIdleAsync();
        }

        private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(gateway, path)) { Content = content };
            if (token is not { } minted || DateTimeOffset.UtcNow - minted.MintedAt > TokenLife)
                token = minted = (await AdminToken.MintAsync(gateway), DateTimeOffset.UtcNow);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", minted.Token);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    /// <param name="ConnectionString">The shard's server and database, from its "server" (host:port/database).</param>
    private sealed record Shard(string Id, string State, string ConnectionString)
    {
        public static Shard From(JsonElement shard)
        {
            var server = shard.GetProperty("server").GetString()!; // host:port/database
            var (address, database) = (server[..server.IndexOf('/')], server[(server.IndexOf('/') + 1)..]);
            var (host, port) = (address[..address.LastIndexOf(':')], address[(address.LastIndexOf(':') + 1)..]);
            return new Shard(shard.GetProperty("id").GetString()!, shard.GetProperty("state").GetString()!,
                $"Host={host};Port={port};Username=postgres;Database={database};Maximum Pool Size=200");
        }
    }
}
