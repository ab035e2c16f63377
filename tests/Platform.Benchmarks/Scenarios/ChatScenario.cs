using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// ./bench.sh chat (issue 24): signed-in users, each with several connections to /hubs/chat through the gateway
/// (balanced over the chat instances, held by the affinity cookie), post to rooms of several sizes, and every member's
/// connection times each message from the sender's call to its push: the whole path, hub → append → outbox → bus →
/// each instance → push. Two loads per room: a steady 2 messages a second per member (under the posting allowance),
/// and a burst of 20 each at once (the allowance's burst). The floor, in the same run: the same connections and the
/// same loads on a bare SignalR hub in this process, which broadcasts to a group and stores nothing.
/// </summary>
public sealed class ChatScenario : IScenario
{
    private const int Users = 20;
    private const double SteadyPerSecond = 2;
    private const int Burst = 20;
    private static readonly int[] RoomSizes = [2, 5, 20];
    private static readonly TimeSpan DeliveredWithin = TimeSpan.FromSeconds(30);
    private readonly List<Section> sections = [];

    public string Name => "chat";

    public bool OnRequest => true;

    public IReadOnlyList<Section> Sections => sections;

    public int Steps(BenchmarkOptions options) => 2 + RoomSizes.Length * 2;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        var perUser = Math.Max(1, options.Clients / Users);
        var runId = Guid.NewGuid().ToString("N")[..8];
        progress.Step($"signing up {Users} users (registration, the welcome mail's link, activation, sign-in)");
        var users = await ChatUsers.SignUpAsync(system.Http, system.Gateway, Users, runId);

        progress.Step($"{Users * perUser} connections through the gateway ({perUser} per user)");
        var hub = new Uri(system.Gateway, "/hubs/chat");
        var clients = await Task.WhenAll(users.SelectMany(user => Enumerable.Range(0, perUser).Select(_ => Client.ConnectAsync(hub, user.Id, user.Token))));
        await using var floor = await FloorHub.StartAsync();
        var floorClients = await Task.WhenAll(users.SelectMany(user => Enumerable.Range(0, perUser).Select(_ => Client.ConnectAsync(floor.Address, user.Id, null))));
        try
        {
            var results = new List<ScenarioResult>();
            var rows = new List<string[]>();
            foreach (var size in RoomSizes)
            {
                var members = users.Take(size).ToList();
                progress.Step($"a room of {size} users ({size * perUser} connections): steady and burst, through the chat");
                var room = await OpenRoomAsync(system, members);
                var system_ = await LoadsAsync(room, clients.Where(client => members.Any(m => m.Id == client.User)).ToList());
                progress.Step($"a room of {size} users: the same on a bare SignalR hub");
                var floorRoom = Guid.NewGuid();
                var floor_ = await LoadsAsync(floorRoom, floorClients.Where(client => members.Any(m => m.Id == client.User)).ToList());
                var load = $"{size} users, {size * perUser} conn.";
                results.Add(Result($"chat, steady {SteadyPerSecond:0}/s per member", load, system_.Steady, floor_.Steady));
                results.Add(Result($"chat, burst of {Burst} per member", load, system_.Burst, floor_.Burst));
                rows.Add([load, Describe(system_.Steady), Describe(system_.Burst), Describe(floor_.Steady), Describe(floor_.Burst)]);
            }
            var perInstance = clients.GroupBy(client => client.Instance).OrderBy(group => group.Key).Select(group => $"{group.Key} {group.Count()}");
            sections.Add(new Section("Chat: deliveries (each message to each member's connections), lost and doubled",
                ["room", "chat steady", "chat burst", "floor steady", "floor burst"], rows,
                $"Connections per instance: {string.Join(", ", perInstance)}. A delivery is one push of one message to one connection; "
                + "lost: expected but not pushed within 30 s; doubled: a version pushed twice to one connection (a client applies it once); "
                + "refused: posts the hub refused, by the rule it named (the errors column counts them with the lost deliveries)."));
            return results;
        }
        finally
        {
            await Task.WhenAll(clients.Concat(floorClients).Select(client => client.DisposeAsync().AsTask()));
        }
    }

    private static ScenarioResult Result(string scenario, string load, Measured system, Measured floor) =>
        new(scenario, load, new Rate(system.PerSecond, "deliv/s"), new Rate(floor.PerSecond, "deliv/s"), "bare SignalR hub, one process",
            Percentile.Of(system.LatenciesMs, 50), Percentile.Of(system.LatenciesMs, 99), system.Lost + system.Refused,
            "", Percentile.Of(floor.LatenciesMs, 50), Percentile.Of(floor.LatenciesMs, 99));

    private static string Describe(Measured measured) =>
        $"{measured.Posts} posts, {measured.Delivered:N0} of {measured.Expected:N0} deliveries, lost {measured.Lost}, doubled {measured.Doubled}"
        + (measured.Refused > 0 ? $"; refused {measured.Refused} ({measured.RefusedBy})" : "");

    /// <summary>Opens a room as the first member, and the others join it, over HTTP.</summary>
    private static async Task<Guid> OpenRoomAsync(RunningSystem system, IReadOnlyList<ChatUsers.SignedIn> members)
    {
        async Task<JsonElement> SendAsync(string token, HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(system.Gateway, path)) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await system.Http.SendAsync(request);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<JsonElement>()
                : throw new BenchmarkSetupException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var room = (await SendAsync(members[0].Token, HttpMethod.Post, "/api/chat/rooms", new { name = "bench" })).GetProperty("id").GetGuid();
        foreach (var member in members.Skip(1))
            await SendAsync(member.Token, HttpMethod.Post, $"/api/chat/rooms/{room}/members");
        return room;
    }

    private static async Task<(Measured Steady, Measured Burst)> LoadsAsync(Guid room, IReadOnlyList<Client> members)
    {
        foreach (var member in members)
            await member.JoinAsync(room);
        var senders = members.GroupBy(member => member.User).Select(group => group.First()).ToList();
        var steady = await MeasureAsync(room, members, async sends =>
        {
            var interval = TimeSpan.FromSeconds(1 / SteadyPerSecond);
            var clock = Stopwatch.StartNew();
            for (var tick = 0; clock.Elapsed < TimeSpan.FromSeconds(10); tick++)
            {
                foreach (var sender in senders)
                    sends.Add(sender.PostAsync(room)); // open loop: the next send does not wait for this one's answer
                var next = interval * (tick + 1) - clock.Elapsed;
                if (next > TimeSpan.Zero)
                    await Task.Delay(next);
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(Burst / 5.0)); // the allowance refills (5 a second) before the burst
        var burst = await MeasureAsync(room, members, sends =>
        {
            foreach (var sender in senders)
                for (var i = 0; i < Burst; i++)
                    sends.Add(sender.PostAsync(room));
            return Task.CompletedTask;
        });
        return (steady, burst);
    }

    /// <summary>Runs a load, then waits until every member's connections have every message (or 30 s), and counts.</summary>
    private static async Task<Measured> MeasureAsync(Guid room, IReadOnlyList<Client> members, Func<List<Task<Guid?>>, Task> load)
    {
        var deliveries = new Deliveries();
        foreach (var member in members)
            member.Recording = deliveries;
        var sends = new List<Task<Guid?>>();
        var clock = Stopwatch.StartNew();
        await load(sends);
        var posted = (await Task.WhenAll(sends)).OfType<Guid>().ToList();
        var expected = posted.Count * members.Count;
        var waited = Stopwatch.StartNew();
        while (deliveries.Count < expected && waited.Elapsed < DeliveredWithin)
            await Task.Delay(20);
        var took = deliveries.LastAt ?? clock.Elapsed;
        foreach (var member in members)
            member.Recording = null;
        return new Measured(posted.Count, sends.Count - posted.Count, expected, deliveries.Count, deliveries.Doubled,
            deliveries.Count / Math.Max(took.TotalSeconds, 0.001), deliveries.LatenciesMs,
            string.Join(", ", deliveries.Refusals.OrderBy(refusal => refusal.Key).Select(refusal => $"{refusal.Key} {refusal.Value}")));
    }

    private sealed record Measured(
        int Posts, int Refused, int Expected, int Delivered, int Doubled, double PerSecond, IReadOnlyList<double> LatenciesMs, string RefusedBy)
    {
        public int Lost => Math.Max(0, Expected - Delivered);
    }

    /// <summary>What the connections received during one load: each delivery's latency from its message's send.</summary>
    private sealed class Deliveries
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly ConcurrentBag<double> latencies = [];
        private int count, doubled;
        private long lastTicks;

        public ConcurrentDictionary<Guid, long> SentAt { get; } = new();

        /// <summary>Posts the hub refused, by the rule it named.</summary>
        public ConcurrentDictionary<string, int> Refusals { get; } = new();

        public int Count => count;

        public int Doubled => doubled;

        public TimeSpan? LastAt => lastTicks == 0 ? null : TimeSpan.FromTicks(lastTicks);

        public IReadOnlyList<double> LatenciesMs => [.. latencies.Order()]; // sorted, as the percentiles read them

        public long Now => clock.Elapsed.Ticks;

        public void Record(Guid message, bool again)
        {
            if (again)
            {
                Interlocked.Increment(ref doubled);
                return;
            }
            var now = clock.Elapsed.Ticks;
            if (SentAt.TryGetValue(message, out var sent))
                latencies.Add(TimeSpan.FromTicks(now - sent).TotalMilliseconds);
            Interlocked.Increment(ref count);
            Interlocked.Exchange(ref lastTicks, now);
        }
    }

    /// <summary>One connection of one user: its hub calls, and the room's pushes it records while a load runs.</summary>
    private sealed class Client(HubConnection connection, Guid user) : IAsyncDisposable
    {
        private readonly HashSet<(Guid Room, long Version)> versions = [];

        public Guid User { get; } = user;

        public string Instance { get; private set; } = "floor";

        public Deliveries? Recording { get; set; }

        public static async Task<Client> ConnectAsync(Uri hub, Guid user, string? token)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(hub, options =>
                {
                    if (token is not null)
                        options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    options.Cookies = new CookieContainer(); // its own affinity cookie: the gateway balances connections, not users
                    options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                })
                .Build();
            var client = new Client(connection, user);
            connection.On<JsonElement>("Update", client.Pushed);
            await connection.StartAsync();
            if (token is not null)
                client.Instance = (await connection.InvokeAsync<JsonElement>("Hello")).GetProperty("instance").GetString()!;
            return client;
        }

        public Task JoinAsync(Guid room) => connection.InvokeAsync<JsonElement>("Join", room, 0L);

        /// <summary>Posts a message; its id, or null when the hub refused it.</summary>
        public async Task<Guid?> PostAsync(Guid room)
        {
            var id = Guid.CreateVersion7();
            var recording = Recording!;
            recording.SentAt[id] = recording.Now;
            try
            {
                await connection.InvokeAsync<JsonElement>("Post", room, id, "a benchmark message");
                return id;
            }
            catch (HubException refused)
            {
                // "… HubException: <rule>: <why>": counted by rule, so the run says why posts were refused.
                var rule = refused.Message[(refused.Message.LastIndexOf("HubException: ", StringComparison.Ordinal) + 14)..].Split(':')[0];
                recording.Refusals.AddOrUpdate(rule, 1, (_, count) => count + 1);
                return null;
            }
        }

        private void Pushed(JsonElement update)
        {
            if (Recording is not { } recording || update.GetProperty("type").GetString() != "posted")
                return;
            bool again;
            lock (versions)
                again = !versions.Add((update.GetProperty("roomId").GetGuid(), update.GetProperty("version").GetInt64()));
            recording.Record(update.GetProperty("messageId").GetGuid(), again);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
