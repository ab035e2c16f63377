using System.Net;
using System.Net.Http.Headers;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// A caller who reaches a service directly, past the gateway, meets the same rules (issue 21): each service checks the
/// token itself. Its admin routes and the routes other services read answer 401 without a token and 403 to a user's;
/// a user's own routes (orders, payments, mails, histories) answer 401 without a token; its health answers anyone.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ServiceSecurityTests(PlatformFixture platform)
{
    private static readonly (string Service, string Path)[] Protected =
    [
        ("user-command", "/api/admin/plugins"),
        ("user-command", "/api/admin/shards"),
        ("user-command", "/api/admin/event-store/history"),
        ("user-command", "/api/admin/event-store/progress"),
        ("user-query", "/api/admin/read-models/rebuild"),
        ("order", "/api/admin/orders/attention"),
        ("order", "/api/admin/event-store/history"),
        ("analytics", "/api/admin/analytics/batch"),
    ];

    private static readonly Guid Someone = Guid.NewGuid();

    private static readonly (string Service, string Path)[] Owned =
    [
        ("user-command", $"/api/users/{Someone}/events"),
        ("user-command", $"/api/users/{Someone}/as-of?version=1"),
        ("user-query", $"/api/users/{Someone}/stats"),
        ("order", $"/api/orders?userId={Someone}"),
        ("order", $"/api/orders/{Someone}"),
        ("order", $"/api/payments/{Someone}"),
        ("email", "/api/emails?to=someone@example.com"),
        ("chat", $"/api/chat/rooms/{Someone}/messages"),
        ("chat-2", $"/api/chat/rooms/{Someone}"),
    ];

    [Fact]
    public async Task Each_service_refuses_its_protected_routes_to_a_caller_without_the_role_and_answers_its_health()
    {
        var (_, _, user) = await new Accounts(platform).SignedUpAsync("Direct Caller");
        foreach (var (service, path) in Protected)
        {
            using var direct = new HttpClient { BaseAddress = platform.App.GetEndpoint(service, "http") };
            using (var anonymous = await direct.GetAsync(path))
                await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
            using (var asUser = await SendAsync(direct, path, user))
                await ProblemAssert.IsProblemAsync(asUser, HttpStatusCode.Forbidden);
            using (var health = await direct.GetAsync("/health"))
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        foreach (var (service, path) in Owned)
        {
            using var direct = new HttpClient { BaseAddress = platform.App.GetEndpoint(service, "http") };
            using var anonymous = await direct.GetAsync(path);
            await ProblemAssert.IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        }

        using var admin = platform.AdminClient(platform.App.GetEndpoint("order", "http"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/orders/attention")).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
