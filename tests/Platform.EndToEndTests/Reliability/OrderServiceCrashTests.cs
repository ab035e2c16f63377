using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Reliability;

/// <summary>
/// Orders confirmed while the order service is killed (SIGKILL) and started again: every workflow still ends,
/// confirmed or cancelled, none is stuck, no payment is charged twice, and the stock matches the confirmed orders.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OrderServiceCrashTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string OrderService = "order";
    private const string Product = "crate";
    private const int Orders = 50;
    private readonly OrdersApi orders = new(platform.Admin);

    [Fact]
    public async Task Fifty_orders_confirmed_across_a_SIGKILL_all_end_and_none_is_charged_twice()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var customer = await orders.DraftForNewCustomerAsync("Crash Customer");
        var drafts = new List<Guid> { customer.OrderId };
        while (drafts.Count < Orders)
            drafts.Add(await orders.DraftAsync(customer.UserId));
        foreach (var order in drafts)
            await orders.AddAsync(order, Product, 1, 5m);
        var stockBefore = await orders.AvailableAsync(Product);

        // Confirm one order after another, as a client that retries until the service answers, while it is killed.
        var accepted = new ConcurrentQueue<Guid>();
        var confirming = Task.Run(async () =>
        {
            foreach (var order in drafts)
            {
                await ConfirmUntilAnsweredAsync(order, timeout.Token);
                accepted.Enqueue(order);
                await Task.Delay(40, timeout.Token);
            }
        });
        await Eventually.HoldsAsync(() => Task.FromResult(accepted.Count >= 15), TimeSpan.FromSeconds(60), "15 confirmations before the crash");
        await ResourceProcess.KillAsync(platform.App, OrderService, timeout.Token);
        var acceptedBeforeCrash = accepted.Count;
        await platform.Resources.StartAsync(OrderService, timeout.Token);
        await confirming;

        var ended = new List<JsonElement>();
        foreach (var order in drafts)
            ended.Add(await orders.WaitForEndAsync(order, TimeSpan.FromSeconds(90)));
        var payments = new List<JsonElement?>();
        foreach (var order in drafts)
            payments.Add(await orders.PaymentAsync(order));

        var confirmed = ended.Count(order => order.GetProperty("status").GetString() == "Confirmed");
        var cancelled = ended.Where(order => order.GetProperty("status").GetString() == "Cancelled").ToList();
        var charged = payments.Count(payment => payment?.GetProperty("status").GetString() == "Charged");
        var stockAfter = await orders.AvailableAsync(Product);
        var reasons = cancelled.GroupBy(order => order.GetProperty("cancellationReason").GetString()).Select(reason => $"{reason.Count()} × {reason.Key}");
        output.WriteLine($"Figures: order service SIGKILL: {Orders} orders, {acceptedBeforeCrash} confirmed before the kill; ended {confirmed} confirmed, "
            + $"{cancelled.Count} cancelled{(cancelled.Count > 0 ? $" ({string.Join("; ", reasons)})" : "")}, {Orders - confirmed - cancelled.Count} stuck; {charged} payments charged "
            + $"from {payments.Sum(p => p?.GetProperty("chargeRequests").GetInt32() ?? 0)} charge requests; stock {stockBefore} -> {stockAfter}");

        Assert.Equal(Orders, confirmed + cancelled.Count);
        Assert.Equal(confirmed, charged); // a charge for each confirmed order, and none kept for a cancelled one
        Assert.All(drafts.Zip(ended, payments), pair =>
        {
            var (_, order, payment) = pair;
            var status = payment?.GetProperty("status").GetString();
            Assert.True(order.GetProperty("status").GetString() == "Confirmed" ? status == "Charged" : status != "Charged",
                $"order {order.GetProperty("status")} with payment {status}");
        });
        Assert.Equal(stockBefore - confirmed, stockAfter);
    }

    /// <summary>202, or 422 "confirmed-once" when an attempt cut off by the crash had in fact committed.</summary>
    private async Task ConfirmUntilAnsweredAsync(Guid order, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var response = await orders.ConfirmAsync(order, OrdersApi.GoodCard);
                if (response.StatusCode == HttpStatusCode.Accepted)
                    return;
                if (response.StatusCode == HttpStatusCode.UnprocessableEntity && (await response.Content.ReadAsStringAsync(ct)).Contains("confirmed-once"))
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, ct);
        }
    }
}
