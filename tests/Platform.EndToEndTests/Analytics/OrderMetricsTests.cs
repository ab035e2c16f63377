using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Analytics;

/// <summary>Orders on the real workflow are counted by analytics: placed, confirmed, cancelled, and the revenue of the confirmed ones.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OrderMetricsTests(PlatformFixture platform, ITestOutputHelper output)
{
    private readonly OrdersApi orders = new(platform.Admin);
    private readonly AnalyticsApi analytics = new(platform.Gateway);

    [Fact]
    public async Task After_N_orders_the_metrics_show_N_placed_the_confirmed_the_cancelled_and_their_revenue()
    {
        var before = await analytics.SettledTotalsAsync();
        (string Card, decimal Price)[] placed =
            [(OrdersApi.GoodCard, 12.5m), (OrdersApi.DecliningCard, 7m), (OrdersApi.GoodCard, 30m), (OrdersApi.DecliningCard, 2m), (OrdersApi.GoodCard, 1.25m)];

        await Task.WhenAll(placed.Select(async order =>
        {
            var customer = await orders.DraftForNewCustomerAsync("Analytics Customer");
            await orders.AddAsync(customer.OrderId, "book", 2, order.Price);
            await orders.ConfirmAcceptedAsync(customer.OrderId, order.Card);
            var ended = await orders.WaitForEndAsync(customer.OrderId, TimeSpan.FromSeconds(60));
            Assert.Equal(order.Card == OrdersApi.GoodCard ? "Confirmed" : "Cancelled", ended.GetProperty("status").GetString());
        }));

        var confirmed = placed.Where(o => o.Card == OrdersApi.GoodCard).ToList();
        var after = await Eventually.GetAsync(async () =>
        {
            var totals = await analytics.TotalsAsync();
            return (Count(totals, "ordersCancelled") >= Count(before, "ordersCancelled") + 2
                    && Count(totals, "ordersConfirmed") >= Count(before, "ordersConfirmed") + 3, totals);
        }, TimeSpan.FromSeconds(15), "the orders' ends counted");
        Assert.Equal(Count(before, "ordersPlaced") + placed.Length, Count(after, "ordersPlaced"));
        Assert.Equal(Count(before, "ordersConfirmed") + confirmed.Count, Count(after, "ordersConfirmed"));
        Assert.Equal(Count(before, "ordersCancelled") + placed.Length - confirmed.Count, Count(after, "ordersCancelled"));
        Assert.Equal(Revenue(before) + confirmed.Sum(o => 2 * o.Price), Revenue(after));
        output.WriteLine($"Figures: analytics orders: {placed.Length} placed, {confirmed.Count} confirmed, {placed.Length - confirmed.Count} cancelled, revenue +{confirmed.Sum(o => 2 * o.Price)} EUR, each counted once");
    }

    private static long Count(JsonElement totals, string metric) => totals.GetProperty(metric).GetInt64();

    private static decimal Revenue(JsonElement totals) =>
        totals.GetProperty("revenue").TryGetProperty("EUR", out var eur) ? eur.GetDecimal() : 0m;
}
