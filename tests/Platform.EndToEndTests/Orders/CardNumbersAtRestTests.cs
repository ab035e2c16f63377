using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Orders;

/// <summary>
/// No card number is kept anywhere (issue 21, ADR 0035): after orders paid with a good, a declined and a slow card,
/// the numbers are in no database's dump, no service's logs, no exported span, no queued message and nowhere in the
/// analytics log stream. Each search is first shown to find what it should (the orders' ids, the last four digits),
/// so an empty answer means "not there", not "not looked at".
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CardNumbersAtRestTests(PlatformFixture platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private static readonly string[] Cards = [OrdersApi.GoodCard, OrdersApi.DecliningCard, OrdersApi.SlowCard];
    private static readonly string[] Services = ["gateway", "user-command", "user-query", "user-query-2", "order", "email", "analytics"];

    [Fact]
    public async Task After_good_declined_and_slow_cards_no_dump_log_span_queue_or_stream_holds_a_card_number()
    {
        var orders = new OrdersApi(platform.Admin);
        var placed = new List<Guid>();
        var customers = new List<Guid>();
        foreach (var card in Cards)
        {
            var customer = await orders.DraftForNewCustomerAsync("Card Holder");
            await orders.AddAsync(customer.OrderId, "pen", 1, 3m);
            await orders.ConfirmAcceptedAsync(customer.OrderId, card);
            placed.Add(customer.OrderId);
            customers.Add(customer.UserId);
        }
        var ended = new List<JsonElement>();
        foreach (var order in placed)
            ended.Add(await orders.WaitForEndAsync(order, Within));
        Assert.Equal(["Confirmed", "Cancelled", "Cancelled"], ended.Select(order => order.GetProperty("status").GetString()));
        Assert.Equal(["visa 4242", "visa 0002", "visa 0259"],
            ended.Select(order => $"{order.GetProperty("payment").GetProperty("brand").GetString()} {order.GetProperty("payment").GetProperty("last4").GetString()}"));

        var numbers = Cards.Select(card => card.Replace(" ", "")).ToArray();
        var found = new List<string>();
        void Search(string where, string text)
        {
            foreach (var number in numbers.Where(number => text.Contains(number, StringComparison.Ordinal)))
                found.Add($"{number} in {where}");
        }

        var dumps = await DatabaseDumps.AllAsync(platform);
        Assert.Contains(placed[0].ToString(), dumps["order-db"]); // the dump holds the orders...
        Assert.Contains("4242", dumps["order-db"]); // ...and their cards' last four digits
        foreach (var (database, dump) in dumps)
            Search($"the dump of {database}", dump);

        foreach (var service in Services)
            foreach (var number in numbers)
                Search($"the logs of {service}", await platform.Telemetry.LogsAsync(service, number, CancellationToken.None));
        Assert.NotEqual("", await platform.Telemetry.LogsAsync("order", "", CancellationToken.None));

        var spans = JsonSerializer.Serialize(await platform.Telemetry.SpansAsync(CancellationToken.None));
        Assert.Contains($"/api/orders/{placed[0]}/submit", spans);
        Search("the exported spans", spans);

        // An exclusive queue (a chat instance's live feed) is its connection's alone, cannot be read from another, and
        // goes with its connection: nothing waits in it at rest.
        var queues = await RabbitMqManagementApi.GetAsync(platform, "/api/queues?columns=name,messages,type,exclusive");
        foreach (var queue in queues.EnumerateArray().Where(q => q.GetProperty("type").GetString() != "stream" && q.GetProperty("messages").GetInt64() > 0
                     && !(q.TryGetProperty("exclusive", out var exclusive) && exclusive.ValueKind == JsonValueKind.True)))
        {
            var name = queue.GetProperty("name").GetString()!;
            Search($"the queue {name}", string.Join("\n", await RabbitMqManagementApi.PeekAsync(platform, name, 1000)));
        }

        var log = await RabbitMqStream.ReadAllAsync(platform, "analytics-facts", idle: TimeSpan.FromSeconds(2));
        Assert.Contains(log, message => message.Contains(customers[0].ToString(), StringComparison.Ordinal)); // the log's facts name the customer by id
        Search("the analytics-facts stream", string.Join("\n", log));

        Assert.True(found.Count == 0, $"card numbers kept at rest: {string.Join("; ", found)}");
    }
}
