using System.Globalization;
using Platform.Benchmarks.Scenarios;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks;

/// <summary>
/// ./bench.sh sustained, for orders (issue 26): orders placed through the gateway at fixed arrival rates, open loop
/// (draft, add a book, submit with the simulator's good card; the next one sent on time whatever the answers), by
/// <see cref="Customers"/> customers in turn, --order-rates (5,10,20,40) per second for --seconds each. For each rate:
/// the answers, the workflow's lag (submitted → confirmed, the order's own timestamps), the backlog (orders not ended
/// <see cref="Bound"/> after the last answer) and the cancelled. A rate is sustained with no error, none cancelled,
/// the lag's p99 within <see cref="Bound"/> and no backlog: a workflow is three hops and three commits, so its bound
/// is a second, not the read model's 250 ms.
/// </summary>
public static class SustainedOrders
{
    public const int Customers = 8;
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EndWithin = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(RunningSystem system, BenchmarkOptions options, RunReport report)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(30) };
        var gateway = system.Gateway;
        await AuthorizeAsync(http, gateway);
        var customers = await Task.WhenAll(Enumerable.Range(0, Customers).Select(_ => OrderClient.NewCustomerAsync(http, gateway)));
        Task<Guid?> PlaceAsync(long sequence) => OrderClient.PlaceAsync(http, gateway, customers[sequence % Customers]);

        report.Line();
        report.Line($"Orders through the gateway, open loop, {options.Duration.TotalSeconds:0} s per rate, {Customers} customers in turn; " +
                    $"sustained: no error, none cancelled, submitted → confirmed p99 ≤ {Bound.TotalMilliseconds:0} ms, none still running {Bound.TotalMilliseconds:0} ms after the last answer");
        report.Line();
        report.Line("| offered/s | answered/s | failed | answer p50 / p99 ms (3 requests) | submitted → confirmed p50 / p99 / max ms | still running | cancelled | sustained |");
        report.Line("|---:|---:|---:|---|---|---:|---:|---|");

        var warmUp = await LoadResult.OpenLoopAsync(options.OrderRates.Min(), TimeSpan.FromSeconds(10), PlaceAsync);
        await EndsAsync(http, gateway, warmUp.Ids);
        int? highest = null;
        var unsustainedInARow = 0;
        foreach (var rate in options.OrderRates)
        {
            Console.Error.WriteLine($"offering {rate} orders a second for {options.Duration.TotalSeconds:0} s…");
            await AuthorizeAsync(http, gateway); // a token lives five minutes
            var load = await LoadResult.OpenLoopAsync(rate, options.Duration, PlaceAsync);
            await Task.Delay(Bound);
            var running = 0;
            foreach (var order in load.Ids)
                if ((await OrderClient.ReadAsync(http, gateway, order)).End is null)
                    running++;
            var ends = await EndsAsync(http, gateway, load.Ids);
            var lags = ends.Where(end => end.Status == "Confirmed").Select(end => (end.EndedAt - end.SubmittedAt).TotalMilliseconds).Order().ToArray();
            var cancelled = ends.Count(end => end.Status != "Confirmed");

            var sustained = load.Failed == 0 && cancelled == 0 && running == 0 && Percentile.Of(lags, 99) <= Bound.TotalMilliseconds;
            if (sustained)
                highest = rate;
            unsustainedInARow = sustained ? 0 : unsustainedInARow + 1;
            report.Line($"| {rate} | {load.PerSecond:0.0} | {load.Failed} | {Ms(Percentile.Of(load.LatenciesMs, 50))} / {Ms(Percentile.Of(load.LatenciesMs, 99))} | " +
                        $"{Ms(Percentile.Of(lags, 50))} / {Ms(Percentile.Of(lags, 99))} / {Ms(Percentile.Of(lags, 100))} | {running} | {cancelled} | {(sustained ? "yes" : "no")} |");
            if (unsustainedInARow == 2)
                break;
        }
        report.Line();
        report.Line(highest is { } rateHeld ? $"Highest sustained order rate: {rateHeld} a second." : "No order rate offered was sustained.");
    }

    private static async Task AuthorizeAsync(HttpClient http, Uri gateway) =>
        http.DefaultRequestHeaders.Authorization = new("Bearer", await AdminToken.MintAsync(gateway));

    /// <summary>How each order ended, read again every quarter of a second until all have; the wait is bounded.</summary>
    private static async Task<IReadOnlyList<OrderClient.EndedOrder>> EndsAsync(HttpClient http, Uri gateway, IReadOnlyList<Guid> orders)
    {
        var ends = new List<OrderClient.EndedOrder>();
        var pending = orders.ToList();
        await Until.TrueAsync(async () =>
        {
            foreach (var order in pending.ToList())
                if ((await OrderClient.ReadAsync(http, gateway, order)).End is { } end)
                {
                    ends.Add(end);
                    pending.Remove(order);
                }
            return pending.Count == 0;
        }, EndWithin, () => $"{pending.Count} of {orders.Count} orders to end", TimeSpan.FromMilliseconds(250));
        return ends;
    }

    private static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("0", CultureInfo.InvariantCulture);
}
