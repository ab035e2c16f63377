using System.Net;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Orders;

/// <summary>
/// The order workflow on the real system: stock, payment, confirmation and the customer's mail, and the
/// compensation when the card is declined, too slow, or the stock is short. Each test owns its product, so the
/// stock it reads is changed by nobody else.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OrderWorkflowTests(PlatformFixture platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly OrdersApi orders = new(platform.Admin);

    [Fact]
    public async Task A_confirmed_order_completes_takes_its_stock_charges_once_and_mails_the_customer()
    {
        var customer = await orders.DraftForNewCustomerAsync("Grace Hopper");
        await orders.AddAsync(customer.OrderId, "mug", 3, 8m);
        var before = await orders.AvailableAsync("mug");

        await orders.ConfirmAcceptedAsync(customer.OrderId, OrdersApi.GoodCard);

        var order = await orders.WaitForEndAsync(customer.OrderId, Within, steps: 4);
        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        Assert.Equal(["reserve-stock completed", "charge-payment completed", "confirm-order completed", "notify-customer completed"], OrdersApi.Steps(order));
        Assert.Equal(before - 3, await orders.AvailableAsync("mug"));
        var payment = await orders.PaymentAsync(customer.OrderId);
        Assert.Equal(("Charged", 24m, 1), (payment?.GetProperty("status").GetString(), payment?.GetProperty("amount").GetDecimal(), payment?.GetProperty("chargeRequests").GetInt32()));

        var mail = Assert.Single(await platform.Mail.WaitForAsync(customer.Email, 2, Within), m => m.Subject == "Your order is confirmed");
        Assert.Contains("24.00 EUR", mail.TextBody);

        var list = await orders.ListAsync(customer.UserId);
        Assert.Equal(("Confirmed", 24m), (list.Single().GetProperty("status").GetString(), list.Single().GetProperty("total").GetDecimal()));
    }

    [Fact]
    public async Task A_declined_card_cancels_the_order_releases_the_stock_and_notifies_the_customer()
    {
        var (order, mail) = await ConfirmUntilCompensatedAsync("poster", OrdersApi.DecliningCard, "Declined");

        Assert.Contains("declined", order.GetProperty("cancellationReason").GetString());
        Assert.Contains("declined", mail.TextBody);
    }

    [Fact]
    public async Task A_card_slower_than_the_timeout_is_voided_and_the_order_compensated()
    {
        var (order, _) = await ConfirmUntilCompensatedAsync("lamp", OrdersApi.SlowCard, "Voided");

        Assert.Contains("did not answer within 5 s", order.GetProperty("cancellationReason").GetString());
        var waited = order.GetProperty("endedAt").GetDateTimeOffset() - order.GetProperty("submittedAt").GetDateTimeOffset();
        Assert.InRange(waited, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// Confirms an order for two of <paramref name="product"/> with <paramref name="card"/>, and checks the
    /// compensation: cancelled after the payment step failed, the reservation released, the payment in
    /// <paramref name="paymentStatus"/>, the customer mailed and the mail in the history. Returns the order and the mail.
    /// </summary>
    private async Task<(JsonElement Order, MimeKit.MimeMessage Mail)> ConfirmUntilCompensatedAsync(string product, string card, string paymentStatus)
    {
        var customer = await orders.DraftForNewCustomerAsync($"{paymentStatus} Customer");
        await orders.AddAsync(customer.OrderId, product, 2, 15m);
        var before = await orders.AvailableAsync(product);

        await orders.ConfirmAcceptedAsync(customer.OrderId, card);

        var order = await orders.WaitForEndAsync(customer.OrderId, Within, steps: 4);
        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.Equal(["reserve-stock completed", "charge-payment failed", "reserve-stock compensated", "notify-customer completed"], OrdersApi.Steps(order));
        Assert.Equal(before, await orders.AvailableAsync(product));
        Assert.Equal(paymentStatus, (await orders.PaymentAsync(customer.OrderId))?.GetProperty("status").GetString());
        var mail = Assert.Single(await platform.Mail.WaitForAsync(customer.Email, 2, Within), m => m.Subject == "Your order was cancelled");
        return (order, mail);
    }

    [Fact]
    public async Task More_than_the_stock_fails_the_first_step_and_charges_nothing()
    {
        var customer = await orders.DraftForNewCustomerAsync("Stamp Collector");
        await orders.AddAsync(customer.OrderId, "stamp", 2, 1m); // one stamp is all there is

        await orders.ConfirmAcceptedAsync(customer.OrderId, OrdersApi.GoodCard);

        var order = await orders.WaitForEndAsync(customer.OrderId, Within, steps: 2);
        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.Equal("Not enough stock of 'stamp': 2 wanted, 1 available.", order.GetProperty("cancellationReason").GetString());
        Assert.Equal(["reserve-stock failed", "notify-customer completed"], OrdersApi.Steps(order));
        Assert.Equal(1, await orders.AvailableAsync("stamp"));
        Assert.Null(await orders.PaymentAsync(customer.OrderId));
    }

    [Fact]
    public async Task A_confirmation_without_a_card_or_a_second_one_is_refused_with_422()
    {
        var customer = await orders.DraftForNewCustomerAsync();
        await orders.AddAsync(customer.OrderId, "book", 1, 10m);

        using (var noCard = await orders.ConfirmAsync(customer.OrderId, null))
            Assert.Equal("payment-card-is-valid", (await ProblemAssert.IsProblemAsync(noCard, HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
        await orders.ConfirmAcceptedAsync(customer.OrderId, OrdersApi.GoodCard);
        using var again = await orders.ConfirmAsync(customer.OrderId, OrdersApi.GoodCard);

        Assert.Equal("confirmed-once", (await ProblemAssert.IsProblemAsync(again, HttpStatusCode.UnprocessableEntity)).GetProperty("rule").GetString());
    }
}
