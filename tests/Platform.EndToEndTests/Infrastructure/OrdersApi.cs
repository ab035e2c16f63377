using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>The public order, stock and payment API as a client sees it through the gateway.</summary>
public sealed class OrdersApi(HttpClient gateway)
{
    /// <summary>The simulator's cards (services/Order/appsettings.json): charged, declined, and too slow to answer.</summary>
    public const string GoodCard = "4242 4242 4242 4242";
    public const string DecliningCard = "4000 0000 0000 0002";
    public const string SlowCard = "4000 0000 0000 0259";

    private readonly UsersApi users = new(gateway);

    /// <summary>Registers a user, waits until the order context knows the customer, and opens a draft in EUR.</summary>
    public async Task<Customer> DraftForNewCustomerAsync(string name = "Order Customer")
    {
        var email = UsersApi.UniqueEmail(name.ToLowerInvariant().Replace(' ', '.'));
        var user = await users.RegisterNewAsync(name, email);
        var order = await Eventually.GetAsync(async () =>
        {
            using var response = await gateway.PostAsJsonAsync("/api/orders", new { userId = user, currency = "eur" });
            if (response.StatusCode != HttpStatusCode.Created)
                return (false, Guid.Empty);
            Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
            return (true, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }, TimeSpan.FromSeconds(10), $"the order context to know user {user}");
        return new Customer(user, email, order);
    }

    /// <summary>Opens another draft for a customer the order context already knows.</summary>
    public async Task<Guid> DraftAsync(Guid userId)
    {
        using var response = await gateway.PostAsJsonAsync("/api/orders", new { userId, currency = "EUR" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task AddAsync(Guid order, string product, int quantity, decimal unitPrice)
    {
        using var response = await gateway.PostAsJsonAsync($"/api/orders/{order}/items", new { productId = product, quantity, unitPrice });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The customer submits the order with a card (<c>POST …/submit</c>; <paramref name="route"/> "confirm" is its former name).</summary>
    public Task<HttpResponseMessage> ConfirmAsync(Guid order, string? card, string route = "submit") =>
        gateway.PostAsJsonAsync($"/api/orders/{order}/{route}", new { payment = new { card } });

    /// <summary>Confirms the order with the card, failing the test unless the workflow is accepted (202).</summary>
    public async Task ConfirmAcceptedAsync(Guid order, string card)
    {
        using var response = await ConfirmAsync(order, card);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public Task<JsonElement> GetAsync(Guid order) => users.GetJsonAsync($"/api/orders/{order}");

    /// <summary>The order once its workflow has ended (confirmed or cancelled) and its history holds <paramref name="steps"/> entries.</summary>
    public Task<JsonElement> WaitForEndAsync(Guid order, TimeSpan within, int steps = 0) =>
        Eventually.GetAsync(async () =>
        {
            var read = await GetAsync(order);
            var ended = read.GetProperty("status").GetString() is "Confirmed" or "Cancelled";
            return (ended && read.GetProperty("steps").GetArrayLength() >= steps, read);
        }, within, $"order {order} to end its workflow");

    public async Task<int> AvailableAsync(string product) =>
        (await users.GetJsonAsync($"/api/stock/{product}")).GetProperty("available").GetInt32();

    public async Task<JsonElement?> PaymentAsync(Guid payment)
    {
        using var response = await gateway.GetAsync($"/api/payments/{payment}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The user's orders as GET /api/orders?userId= lists them.</summary>
    public async Task<IReadOnlyList<JsonElement>> ListAsync(Guid userId) =>
        [.. (await users.GetJsonAsync($"/api/orders?userId={userId}")).EnumerateArray()];

    /// <summary>Each step of the order's history as "name outcome".</summary>
    public static IReadOnlyList<string> Steps(JsonElement order) =>
        [.. order.GetProperty("steps").EnumerateArray().Select(step => $"{step.GetProperty("name").GetString()} {step.GetProperty("outcome").GetString()}")];

    public sealed record Customer(Guid UserId, string Email, Guid OrderId);
}
