using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Orders;

/// <summary>The order context through the gateway: drafts for known customers, items under the aggregate's rules.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OrderingTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Gateway);
    private readonly OrdersApi orders = new(platform.Admin);

    [Fact]
    public async Task A_registered_user_drafts_an_order_adds_and_removes_items_and_submits_it()
    {
        var order = await DraftForNewCustomerAsync();
        await AddAsync(order, "book", 2, 12.5m);
        await AddAsync(order, "pen", 1, 3m);
        using (var removed = await platform.Admin.DeleteAsync($"/api/orders/{order}/items/pen"))
            removed.EnsureSuccessStatusCode();

        using (var confirm = await orders.ConfirmAsync(order, OrdersApi.GoodCard))
        {
            Assert.Equal(HttpStatusCode.Accepted, confirm.StatusCode);
            Assert.Equal("\"5\"", confirm.Headers.ETag?.Tag);
        }

        var read = await orders.GetAsync(order);
        Assert.Equal(25m, read.GetProperty("total").GetDecimal());
        Assert.Equal("book", Assert.Single(read.GetProperty("items").EnumerateArray()).GetProperty("productId").GetString());
        Assert.NotEqual("Draft", read.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_eleventh_item_is_refused_with_422_naming_the_rule()
    {
        var order = await DraftForNewCustomerAsync();
        for (var i = 1; i <= 10; i++)
            await AddAsync(order, $"product-{i}", 1, 1m);

        using var eleventh = await platform.Admin.PostAsJsonAsync($"/api/orders/{order}/items", new { productId = "product-11", quantity = 1, unitPrice = 1m });

        var problem = await ProblemAssert.IsProblemAsync(eleventh, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("at-most-ten-distinct-items", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task The_former_route_confirm_still_submits_an_order()
    {
        var order = await DraftForNewCustomerAsync();
        await AddAsync(order, "book", 1, 12.5m);

        using var submitted = await orders.ConfirmAsync(order, OrdersApi.GoodCard, route: "confirm");

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal("\"3\"", submitted.Headers.ETag?.Tag);
        Assert.NotEqual("Draft", (await orders.GetAsync(order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Submitting_an_empty_order_is_refused_with_422()
    {
        var order = await DraftForNewCustomerAsync();

        using var confirm = await orders.ConfirmAsync(order, OrdersApi.GoodCard);

        var problem = await ProblemAssert.IsProblemAsync(confirm, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("empty-order-cannot-be-confirmed", problem.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task An_order_for_a_user_the_order_context_does_not_know_is_refused_with_422()
    {
        using var response = await platform.Admin.PostAsJsonAsync("/api/orders", new { userId = Guid.NewGuid(), currency = "EUR" });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_change_at_a_stale_version_is_refused_with_412()
    {
        var order = await DraftForNewCustomerAsync();
        await AddAsync(order, "book", 1, 1m);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{order}/items")
        {
            Content = JsonContent.Create(new { productId = "pen", quantity = 1, unitPrice = 1m }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var stale = await platform.Admin.SendAsync(request);

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
    }

    private async Task<Guid> DraftForNewCustomerAsync() => (await orders.DraftForNewCustomerAsync()).OrderId;

    private Task AddAsync(Guid order, string product, int quantity, decimal unitPrice) => orders.AddAsync(order, product, quantity, unitPrice);
}
