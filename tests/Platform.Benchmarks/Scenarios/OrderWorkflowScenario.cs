using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Scenarios;

/// <summary>
/// Order workflows, each client with one order in flight at a time: it drafts an order, adds a book and confirms it with
/// the simulator's good card, through the gateway, then waits until the routing slip (reserve stock, charge the card,
/// confirm the order) has ended it, and places the next. The rate is orders confirmed per second; the latency is each
/// order's submission → end, from the order's own timestamps. The floor does the same shape with raw clients, also one
/// in flight per client: three INSERTs for the three commands, then three RabbitMQ hops (confirms on), each with an
/// INSERT for its step.
/// </summary>
public sealed class OrderWorkflowScenario : IScenario
{
    public const int Clients = 8;

    private readonly List<Section> sections = [];

    public string Name => "orders";

    public int Steps(BenchmarkOptions options) => 3;

    public IReadOnlyList<Section> Sections => sections;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(RunningSystem system, BenchmarkOptions options, ScenarioProgress progress)
    {
        sections.Clear();
        var gateway = system.Gateway;
        await using var serverDb = NpgsqlDataSource.Create(options.Database("postgres"));
        // An order is its customer's or an admin's (issue 21): the clients act as an admin for the customers they register,
        // with one token for the scenario (it lives five minutes; the scenario takes well under that).
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await AdminToken.MintAsync(gateway));
        progress.Step($"{Clients} customers known to the order context");
        var customers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => OrderClient.NewCustomerAsync(http, gateway)));

        var ended = new System.Collections.Concurrent.ConcurrentBag<OrderClient.EndedOrder>();
        async Task<Guid?> OneOrderAsync(int worker, long _)
        {
            if (await OrderClient.PlaceAsync(http, gateway, customers[worker]) is not { } order)
                return null;
            var end = await OrderClient.WaitForEndAsync(http, gateway, order);
            ended.Add(end);
            return end.Status == "Confirmed" ? order : null;
        }
        await LoadResult.RunAsync(Clients, TimeSpan.FromSeconds(3), OneOrderAsync); // warm-up: JIT, pools, plans of every step
        ended.Clear();

        progress.Step($"order workflows, {Clients} clients, one in flight each");
        var breakdown = await Breakdown.StartAsync(serverDb); // what bounds the rate: the CPU and statements an order costs
        var placing = await LoadResult.RunAsync(Clients, options.Duration, OneOrderAsync);
        sections.AddRange(await breakdown.FinishAsync(placing.Completed, "order", $"{Clients} clients, one in flight each, placed and waited for"));
        var latencies = ended.Where(order => order.Status == "Confirmed")
            .Select(order => (order.EndedAt - order.SubmittedAt).TotalMilliseconds).Order().ToArray();
        var reads = ended.IsEmpty ? 0 : ended.Average(order => order.Reads);

        progress.Step($"raw chain, {Clients} clients, one in flight each");
        await using var orderDb = NpgsqlDataSource.Create(options.Database("order"));
        var floor = await new RawWorkflowChain(orderDb, options.RabbitMq).RunAsync(Clients, options.Duration);

        return
        [
            new ScenarioResult("order workflow", $"{Clients} clients", new Rate(placing.PerSecond, "orders/s"),
                new Rate(floor.PerSecond, "chains/s"), "3 INSERTs, then 3 RabbitMQ hops with an INSERT each (raw clients)",
                Percentile.Of(latencies, 50), Percentile.Of(latencies, 99), placing.Failed,
                $"draft, add item, confirm through the gateway, then the routing slip reserves, charges, confirms; one order in flight per client, which reads it every 20 ms until it has ended ({reads:0.0} reads an order). Latency: submitted → confirmed",
                floor.P50Ms, floor.P99Ms),
        ];
    }
}

/// <summary>An order's life through the gateway, as a customer's client (an admin's, for the customers it registers) lives it.</summary>
public static class OrderClient
{
    private const string GoodCard = "4242 4242 4242 4242";

    public static async Task<Guid> NewCustomerAsync(HttpClient http, Uri gateway)
    {
        var user = await Registrations.RegisterAsync(http, gateway, $"orders-{Guid.NewGuid():N}@bench.example")
                   ?? throw new InvalidOperationException("The gateway did not register a customer.");
        await Until.TrueAsync(async () =>
        {
            using var response = await http.PostAsJsonAsync(new Uri(gateway, "/api/orders"), new { userId = user, currency = "EUR" });
            return response.StatusCode == HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(30), $"the order context to know customer {user}", TimeSpan.FromMilliseconds(200));
        return user;
    }

    public static async Task<Guid?> PlaceAsync(HttpClient http, Uri gateway, Guid customer)
    {
        using var drafted = await http.PostAsJsonAsync(new Uri(gateway, "/api/orders"), new { userId = customer, currency = "EUR" });
        if (drafted.StatusCode != HttpStatusCode.Created)
            return null;
        var order = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var added = await http.PostAsJsonAsync(new Uri(gateway, $"/api/orders/{order}/items"), new { productId = "book", quantity = 1, unitPrice = 12.5m });
        if (!added.IsSuccessStatusCode)
            return null;
        using var confirmed = await http.PostAsJsonAsync(new Uri(gateway, $"/api/orders/{order}/submit"), new { payment = new { card = GoodCard } });
        return confirmed.StatusCode == HttpStatusCode.Accepted ? order : null;
    }

    public sealed record EndedOrder(string Status, DateTimeOffset SubmittedAt, DateTimeOffset EndedAt)
    {
        /// <summary>How often the client read the order before it found it ended.</summary>
        public int Reads { get; init; } = 1;
    }

    /// <summary>Polls the order (every 20 ms, as a client waiting for its confirmation would) until it has ended.</summary>
    public static async Task<EndedOrder> WaitForEndAsync(HttpClient http, Uri gateway, Guid order)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var reads = 1; ; reads++)
        {
            var (status, end) = await ReadAsync(http, gateway, order);
            if (end is not null)
                return end with { Reads = reads };
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Order {order} was still {status} 60 s after its confirmation was accepted.");
            await Task.Delay(20);
        }
    }

    /// <summary>The order's status, and how it ended if it has.</summary>
    public static async Task<(string Status, EndedOrder? End)> ReadAsync(HttpClient http, Uri gateway, Guid order)
    {
        var read = await http.GetFromJsonAsync<JsonElement>(new Uri(gateway, $"/api/orders/{order}"));
        var status = read.GetProperty("status").GetString()!;
        return status is "Confirmed" or "Cancelled" && read.GetProperty("endedAt").ValueKind == JsonValueKind.String
            ? (status, new EndedOrder(status, read.GetProperty("submittedAt").GetDateTimeOffset(), read.GetProperty("endedAt").GetDateTimeOffset()))
            : (status, null);
    }
}
