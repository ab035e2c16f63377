using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Hostile;

/// <summary>
/// Generated hostile requests (CsCheck) at every public route through the gateway: whatever comes in, the answer is
/// below 500 and, when it is an error, problem+json; a command that is refused leaves no event behind.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HostileInputTests(PlatformFixture platform, ITestOutputHelper output)
{
    private readonly UsersApi users = new(platform.Gateway);
    private readonly OrdersApi orders = new(platform.Admin);

    [Fact]
    public async Task Any_request_to_any_public_route_is_answered_below_500_and_every_error_is_a_problem()
    {
        var answered = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var routes = Gen.OneOf<HostileRequest>(
            HostileInput.Segment.Select(id => new HostileRequest(HttpMethod.Get, $"/api/users/{id}", null)),
            HostileInput.Segment.Select(id => new HostileRequest(HttpMethod.Get, $"/api/users/{id}/stats", null)),
            HostileInput.Segment.Select(id => new HostileRequest(HttpMethod.Get, $"/api/users/{id}/events", null)),
            HostileInput.Query("search", "limit", "after", "offset").Select(query => new HostileRequest(HttpMethod.Get, $"/api/users?{query}", null)),
            HostileInput.Query("days").Select(query => new HostileRequest(HttpMethod.Get, $"/api/users/stats?{query}", null)),
            Gen.Select(HostileInput.Segment, HostileInput.WellTyped("email"), HostileInput.IfMatch,
                (id, body, ifMatch) => new HostileRequest(HttpMethod.Put, $"/api/users/{id}/email", body, IfMatch: ifMatch)),
            HostileInput.WellTyped("userId", "currency").Select(body => new HostileRequest(HttpMethod.Post, "/api/orders", body)),
            Gen.Select(HostileInput.Segment, HostileInput.WellTyped("productId", "quantity", "unitPrice"),
                (id, body) => new HostileRequest(HttpMethod.Post, $"/api/orders/{id}/items", body)),
            Gen.Select(HostileInput.Segment, HostileInput.Segment, (id, product) => new HostileRequest(HttpMethod.Delete, $"/api/orders/{id}/items/{product}", null)),
            Gen.Select(HostileInput.Segment, HostileInput.WellTyped("payment"), (id, body) => new HostileRequest(HttpMethod.Post, $"/api/orders/{id}/submit", body)),
            HostileInput.Segment.Select(id => new HostileRequest(HttpMethod.Get, $"/api/orders/{id}", null)),
            HostileInput.Query("userId", "limit").Select(query => new HostileRequest(HttpMethod.Get, $"/api/orders?{query}", null)),
            HostileInput.Segment.Select(id => new HostileRequest(HttpMethod.Get, $"/api/stock/{id}", null)),
            HostileInput.Segment.Select(id => new HostileRequest(HttpMethod.Get, $"/api/payments/{id}", null)),
            HostileInput.Query("from", "to", "granularity").Select(query => new HostileRequest(HttpMethod.Get, $"/api/analytics/metrics?{query}", null)),
            HostileInput.Query("to").Select(query => new HostileRequest(HttpMethod.Get, $"/api/emails?{query}", null)),
            Gen.Select(HostileInput.Text, Gen.OneOf<string?>("application/json", "text/plain", null, "application/json; charset=latin1", "multipart/form-data"),
                (body, type) => new HostileRequest(HttpMethod.Post, "/api/users", body, type)));

        await routes.SampleAsync(async request =>
        {
            var status = await SendAsync(request);
            answered.AddOrUpdate(status, 1, (_, count) => count + 1);
        }, iter: 400, threads: 4, print: request => request.ToString());

        output.WriteLine($"Figures: hostile input: 400 generated requests, answered " +
                         string.Join(", ", answered.OrderBy(a => a.Key).Select(a => a.Key == RefusedByKestrel ? $"{a.Value}× refused by Kestrel's parser" : $"{a.Value}× {a.Key}")) +
                         "; none 500 or above, every other error problem+json");
    }

    [Fact]
    public async Task A_refused_command_leaves_no_event_behind()
    {
        var user = await users.RegisterNewAsync("Hostile Target");
        var customer = await orders.DraftForNewCustomerAsync("Hostile Customer");
        var before = await SettledEventCountAsync();
        var commands = Gen.OneOf<HostileRequest>(
            HostileInput.RefusedBody($$"""{"name":"Hostile Valid","email":"{{UsersApi.UniqueEmail("hostile")}}"}""", "name", "email")
                .Select(body => new HostileRequest(HttpMethod.Post, "/api/users", body)),
            Gen.Select(HostileInput.RefusedBody($$"""{"email":"{{UsersApi.UniqueEmail("hostile.change")}}"}""", "email"), HostileInput.IfMatch,
                (body, ifMatch) => new HostileRequest(HttpMethod.Put, $"/api/users/{user}/email", body, IfMatch: ifMatch)),
            HostileInput.RefusedBody($$"""{"userId":"{{customer.UserId}}","currency":"EUR"}""", "userId", "currency")
                .Select(body => new HostileRequest(HttpMethod.Post, "/api/orders", body)),
            HostileInput.RefusedBody("""{"productId":"book","quantity":1,"unitPrice":2.5}""", "productId", "quantity", "unitPrice")
                .Select(body => new HostileRequest(HttpMethod.Post, $"/api/orders/{customer.OrderId}/items", body)),
            HostileInput.RefusedBody($$$"""{"payment":{"card":"{{{OrdersApi.GoodCard}}}"}}""", "payment")
                .Select(body => new HostileRequest(HttpMethod.Post, $"/api/orders/{customer.OrderId}/submit", body)));

        var refused = 0;
        await commands.SampleAsync(async request =>
        {
            var status = await SendAsync(request);
            Assert.True(status is RefusedByKestrel or (>= 400 and < 500), $"{request} was not refused: {status}");
            Interlocked.Increment(ref refused);
        }, iter: 300, threads: 4, print: request => request.ToString());

        Assert.Equal(before, await SettledEventCountAsync());
        output.WriteLine($"Figures: hostile commands: {refused} refused with 4xx problem+json, events in the stores unchanged at {before}");
    }

    /// <summary>
    /// Sends the request; fails on 5xx, and on an error that is not problem+json. Returns the status, or
    /// <see cref="RefusedByKestrel"/> for a request Kestrel's HTTP parser refused before any application code: a bare
    /// 400 (such as %00 in the path), 414 (a request line over its 8 KB limit) or 431 (headers over theirs), without
    /// the headers the gateway puts on everything it answers.
    /// </summary>
    private async Task<int> SendAsync(HostileRequest request)
    {
        using var message = request.ToMessage();
        using var response = await platform.Admin.SendAsync(message); // an admin passes every route's authorization: the input meets the route's own checks
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{request} got {status}: {body[..Math.Min(body.Length, 500)]}");
        if (!response.Headers.Contains("X-Content-Type-Options"))
        {
            Assert.True(status is 400 or 414 or 431 && body.Length == 0, $"{request} got {status} without passing the gateway's pipeline: {body}");
            return RefusedByKestrel;
        }
        if (status >= 400)
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                $"{request} got {status} as {response.Content.Headers.ContentType}: {body[..Math.Min(body.Length, 500)]}");
        return status;
    }

    /// <summary>What <see cref="SendAsync"/> returns for a request Kestrel refused as malformed or oversized HTTP.</summary>
    private const int RefusedByKestrel = 0;

    /// <summary>Every event in user-command's and order's stores (their highest sequences), once nothing moves for a second.</summary>
    private Task<long> SettledEventCountAsync() =>
        Eventually.GetAsync(async () =>
        {
            var first = await EventCountAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
            return (first == await EventCountAsync(), first);
        }, TimeSpan.FromSeconds(30), "the event stores to settle");

    private async Task<long> EventCountAsync()
    {
        long events = 0;
        foreach (var service in new[] { "user-command", "order" })
        {
            using var http = platform.AdminClient(platform.App.GetEndpoint(service, "http")); // a protected route
            var progress = await http.GetFromJsonAsync<JsonElement>("/api/admin/event-store/progress");
            events += progress.GetProperty("highestSequence").GetInt64();
        }
        return events;
    }
}
