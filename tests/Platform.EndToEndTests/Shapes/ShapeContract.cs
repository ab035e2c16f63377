using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Shapes;

/// <summary>
/// What a client of the Platform relies on, whichever shape serves it (issue 25, ADR 0053): the same requests get the
/// same answers from the distributed system and from the monolith. Each shape runs every test here against its own
/// running AppHost; a difference fails the shape that differs.
/// </summary>
public abstract class ShapeContract(IPlatformShape platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_user_registers_activates_from_the_welcome_mail_signs_in_and_reads_their_profile()
    {
        var accounts = new Accounts(platform);
        var (userId, email, token) = await accounts.SignedUpAsync("Shape Person");

        var profile = await new UsersApi(platform.Gateway).WaitForProfileAsync(userId, Within);
        Assert.Equal(("Shape Person", false), (profile.GetProperty("name").GetString(), profile.TryGetProperty("email", out _))); // anyone's view: no email
        using (var own = await accounts.SendAsync(token, HttpMethod.Get, $"/api/users/{userId}"))
            Assert.Equal((HttpStatusCode.OK, email), (own.StatusCode, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString()));

        using var again = await new UsersApi(platform.Gateway).RegisterAsync("Shape Person", email);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        var (refused, _) = await accounts.SignInAsync(email, "not the password");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
    }

    [Fact]
    public async Task A_confirmed_order_runs_its_workflow_mails_the_customer_and_is_counted_by_analytics()
    {
        var analytics = new AnalyticsApi(platform.Gateway);
        var before = await analytics.SettledTotalsAsync();
        var orders = new OrdersApi(platform.Admin);

        var customer = await orders.DraftForNewCustomerAsync("Shape Customer");
        await orders.AddAsync(customer.OrderId, "book", 2, 12.50m);
        await orders.ConfirmAcceptedAsync(customer.OrderId, OrdersApi.GoodCard);

        var order = await orders.WaitForEndAsync(customer.OrderId, Within, steps: 4);
        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        Assert.Equal(["reserve-stock completed", "charge-payment completed", "confirm-order completed", "notify-customer completed"], OrdersApi.Steps(order));
        var mails = await platform.Mail.WaitForAsync(customer.Email, 2, Within);
        Assert.Contains(mails, mail => mail.Subject == "Your order is confirmed" && (mail.TextBody ?? "").Contains("25.00 EUR"));

        await Eventually.GetAsync(async () =>
        {
            var totals = await analytics.TotalsAsync();
            var counted = (Registrations: Count(totals, "registrations") - Count(before, "registrations"),
                Placed: Count(totals, "ordersPlaced") - Count(before, "ordersPlaced"),
                Confirmed: Count(totals, "ordersConfirmed") - Count(before, "ordersConfirmed"));
            return (counted is { Registrations: >= 1, Placed: >= 1, Confirmed: >= 1 }, counted);
        }, Within, "analytics to count the customer's registration, and the order placed and confirmed");
    }

    [Fact]
    public async Task Bad_input_is_refused_with_problem_json_and_an_unknown_order_is_not_found()
    {
        using (var nameless = await platform.Gateway.PostAsJsonAsync("/api/users", new { name = "", email = "not an address" }))
            await ProblemAssert.IsProblemAsync(nameless, HttpStatusCode.BadRequest);
        using (var unknown = await platform.Admin.GetAsync($"/api/orders/{Guid.NewGuid()}"))
            await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        using (var anonymous = await platform.Gateway.GetAsync($"/api/orders/{Guid.NewGuid()}"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static long Count(JsonElement totals, string name) => totals.GetProperty(name).GetInt64();
}

/// <summary>The contract against the distributed shape, through its gateway.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DistributedShapeContractTests(PlatformFixture platform) : ShapeContract(platform);

/// <summary>The contract against the monolith, on the same port.</summary>
[Collection(MonolithCollection.Name)]
public sealed class MonolithShapeContractTests(MonolithFixture monolith) : ShapeContract(monolith);
