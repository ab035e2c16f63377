using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Benchmarks.Suite;

namespace Platform.Benchmarks.Shapes;

/// <summary>
/// The same work for every shape: registrations, profile reads and orders (a draft, an item, the submission with a
/// card that starts the workflow), each request timed, through the shape's entry point on the gateway's port.
/// </summary>
/// <param name="timeout">Each request's bound: short where a part may be down, as a request to a stopped part may hang.</param>
public sealed class ShapeWorkload(Uri entry, Shape shape, string adminClientSecret, TimeSpan? timeout = null)
{
    public const int Requests = 5; // a registration, a profile read, and an order's three requests

    private readonly HttpClient http = new() { BaseAddress = entry, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>Registers one customer per client and waits until the order context knows each (its consumer is asynchronous).</summary>
    public async Task<IReadOnlyList<Guid>> CustomersAsync(int count)
    {
        await AuthorizeAsync();
        var customers = new List<Guid>();
        for (var i = 0; i < count; i++)
            customers.Add(await RegisterAsync() ?? throw new BenchmarkSetupException($"The {shape.Name} shape refused a registration at {shape.RegistrationRoute}."));
        foreach (var customer in customers)
            await Until.TrueAsync(async () => await DraftAsync(customer) is not null, TimeSpan.FromSeconds(60), $"the order context of the {shape.Name} shape to know customer {customer}");
        return customers;
    }

    /// <summary>The first registration after the shape is ready: a cold start's cost where there is one (a function at zero, a JIT).</summary>
    public async Task<TimeSpan> FirstRegistrationAsync()
    {
        var clock = Stopwatch.StartNew();
        _ = await RegisterAsync() ?? throw new BenchmarkSetupException($"The {shape.Name} shape refused its first registration.");
        return clock.Elapsed;
    }

    /// <summary>Registrations at a steady rate (open loop: each sent on time, whatever the others' answers), for the latency without queueing.</summary>
    public Task<LoadResult> SteadyRegistrationsAsync(double perSecond, TimeSpan duration) =>
        LoadResult.OpenLoopAsync(perSecond, duration, _ => RegisterAsync());

    /// <summary>The mix in a closed loop, one customer per client: the throughput at a burst.</summary>
    public async Task<Timed> BurstAsync(IReadOnlyList<Guid> customers, TimeSpan duration)
    {
        await AuthorizeAsync(); // a token lives five minutes
        var timed = new Timed();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(customers.Select(customer => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await timed.TimeAsync("registration", async () => await RegisterAsync() is not null);
                await timed.TimeAsync("profile read", () => ReadProfileAsync(customer));
                Guid? order = null;
                await timed.TimeAsync("order draft", async () => (order = await DraftAsync(customer)) is not null);
                if (order is not { } id)
                    continue;
                await timed.TimeAsync("order item", () => AddItemAsync(id));
                await timed.TimeAsync("order submission", () => SubmitAsync(id));
            }
        })));
        timed.Elapsed = clock.Elapsed;
        return timed;
    }

    public async Task AuthorizeAsync()
    {
        using var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "platform-admin", ["client_secret"] = adminClientSecret, ["scope"] = "platform",
        }));
        if (!token.IsSuccessStatusCode)
            throw new BenchmarkSetupException($"The {shape.Name} shape refused the admin client ({(int)token.StatusCode}): {await token.Content.ReadAsStringAsync()}");
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
    }

    /// <summary>One registration; its id when answered 201.</summary>
    public async Task<Guid?> RegisterAsync()
    {
        using var response = await http.PostAsJsonAsync(shape.RegistrationRoute, new { name = "Shape User", email = $"shape-{Guid.NewGuid():N}@example.com" });
        return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : null;
    }

    /// <summary>A profile read, as its owner or an admin reads it.</summary>
    public async Task<bool> ReadProfileAsync(Guid user)
    {
        using var read = await http.GetAsync($"/api/users/{user}");
        return read.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>An order's three requests (a draft, an item, the submission that starts the workflow); its id once submitted.</summary>
    public async Task<Guid?> OrderAsync(Guid customer) =>
        await DraftAsync(customer) is { } id && await AddItemAsync(id) && await SubmitAsync(id) ? id : null;

    private async Task<bool> AddItemAsync(Guid order)
    {
        using var added = await http.PostAsJsonAsync($"/api/orders/{order}/items", new { productId = "book", quantity = 1, unitPrice = 12.5m });
        return added.IsSuccessStatusCode;
    }

    private async Task<bool> SubmitAsync(Guid order)
    {
        using var submitted = await http.PostAsJsonAsync($"/api/orders/{order}/submit", new { payment = new { card = "4242 4242 4242 4242" } });
        return submitted.StatusCode == HttpStatusCode.Accepted;
    }

    /// <summary>An order's status, or null while it cannot be read.</summary>
    public async Task<string?> OrderStatusAsync(Guid order)
    {
        using var response = await http.GetAsync($"/api/orders/{order}");
        return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() : null;
    }

    private async Task<Guid?> DraftAsync(Guid customer)
    {
        using var response = await http.PostAsJsonAsync("/api/orders", new { userId = customer, currency = "EUR" });
        return response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : null;
    }

    /// <summary>Every request's latency by kind, and how many failed (an error status, a timeout, a refused connection).</summary>
    public sealed class Timed
    {
        private readonly ConcurrentDictionary<string, ConcurrentBag<double>> latencies = new();
        private int failed;

        public TimeSpan Elapsed { get; set; }

        public int Failed => failed;

        public int Succeeded => latencies.Values.Sum(kind => kind.Count);

        public double PerSecond => Succeeded / Elapsed.TotalSeconds;

        public double[] All => [.. latencies.Values.SelectMany(kind => kind).Order()];

        public IReadOnlyDictionary<string, double[]> ByKind => latencies.ToDictionary(kind => kind.Key, kind => kind.Value.Order().ToArray());

        public async Task TimeAsync(string kind, Func<Task<bool>> request)
        {
            var clock = Stopwatch.StartNew();
            bool ok;
            try
            {
                ok = await request();
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                ok = false;
            }
            if (ok)
                latencies.GetOrAdd(kind, _ => []).Add(clock.Elapsed.TotalMilliseconds);
            else
                Interlocked.Increment(ref failed);
        }
    }
}
