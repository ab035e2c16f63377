using System.Net;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.TimeTravel;

/// <summary>An order as it was, through the gateway: its items at a past instant, and their difference by product.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OrderTimeTravelTests(PlatformFixture platform)
{
    private readonly OrdersApi orders = new(platform.Admin);
    private readonly TimeTravelApi history = new(platform.Admin, "/api/orders");

    [Fact]
    public async Task An_order_as_of_its_draft_has_no_items_and_as_of_after_the_second_item_has_two()
    {
        var customer = await orders.DraftForNewCustomerAsync("Time Traveller");
        await orders.AddAsync(customer.OrderId, "atlas", 1, 12m);
        await orders.AddAsync(customer.OrderId, "compass", 2, 7.5m);
        var (_, drafted) = await history.VersionAsync(customer.OrderId, 1);
        var (_, secondItem) = await history.VersionAsync(customer.OrderId, 3);

        var asDrafted = await TimeTravelApi.OkAsync(history.AsOfAsync(customer.OrderId, drafted));
        var asFilled = await TimeTravelApi.OkAsync(history.AsOfAsync(customer.OrderId, secondItem));

        Assert.Empty(asDrafted.GetProperty("state").GetProperty("items").EnumerateArray());
        Assert.Equal(["atlas", "compass"],
            asFilled.GetProperty("state").GetProperty("items").EnumerateArray().Select(item => item.GetProperty("productId").GetString()));
        Assert.Equal(3, asFilled.GetProperty("version").GetInt64());
        await ProblemAssert.IsProblemAsync(await history.AsOfAsync(customer.OrderId, drafted.AddMilliseconds(-1)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await history.AsOfAsync(customer.OrderId, DateTimeOffset.UtcNow.AddDays(1)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Changes_compare_the_items_by_product()
    {
        var customer = await orders.DraftForNewCustomerAsync("Diff Reader");
        await orders.AddAsync(customer.OrderId, "atlas", 1, 12m);
        var (_, first) = await history.VersionAsync(customer.OrderId, 2);
        await orders.AddAsync(customer.OrderId, "atlas", 2, 12m);
        await orders.AddAsync(customer.OrderId, "compass", 1, 7.5m);
        var (_, last) = await history.VersionAsync(customer.OrderId, 4);

        var changes = await TimeTravelApi.OkAsync(history.ChangesAsync(customer.OrderId, first, last));

        var fields = changes.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        Assert.Equal((1, 3), (fields["items[productId=atlas].quantity"].GetProperty("before").GetInt32(),
            fields["items[productId=atlas].quantity"].GetProperty("after").GetInt32()));
        Assert.Equal("compass", fields["items[productId=compass]"].GetProperty("after").GetProperty("productId").GetString());
        Assert.Equal(2, changes.GetProperty("events").GetArrayLength());
    }
}
