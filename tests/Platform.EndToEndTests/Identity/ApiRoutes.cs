using System.Net;
using System.Net.Http.Json;

namespace Platform.EndToEndTests.Identity;

/// <summary>
/// Every route of the API reference (docs/api.md) with the answer each caller gets: the table the authorization
/// matrix walks. Public routes answer everyone alike; a user's own routes answer the owner and an admin, refuse
/// anonymous (401) and meet another user with 403 (an act in another's name) or 404 (another's data); admin routes
/// answer the admin role only (401, then 403 for any user).
/// </summary>
public static class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> All(Subjects s) =>
    [
        // Accounts and sign-in: anyone.
        Public("register", HttpStatusCode.Created, () => Json(HttpMethod.Post, "/api/users", new { name = "Matrix Newcomer", email = Infrastructure.UsersApi.UniqueEmail("matrix") })),
        Public("activate with a wrong code", HttpStatusCode.UnprocessableEntity,
            () => Json(HttpMethod.Post, $"/api/users/{s.Owner.Id}/activate", new { code = "00000000", password = "a long enough password" })),
        Public("token, wrong password", HttpStatusCode.BadRequest, () => Form("/connect/token", new()
        {
            ["grant_type"] = "password", ["client_id"] = "platform-cli", ["username"] = s.Owner.Email, ["password"] = "not the password", ["scope"] = "platform",
        })) with { Problems = false }, // OAuth's own error body, {"error":"invalid_grant"}
        Public("revoke an unknown token", HttpStatusCode.OK, () => Form("/connect/revoke", new() { ["client_id"] = "platform-cli", ["token"] = "unknown" })),
        Public("discovery", HttpStatusCode.OK, () => Get("/.well-known/openid-configuration")),
        Public("keys", HttpStatusCode.OK, () => Get("/.well-known/jwks")),
        Public("sign-in page", HttpStatusCode.OK, () => Get("/connect/login")),
        // The pages' code flow: without a sign-in session the server sends the browser to its sign-in page (followed here).
        Public("authorize, no session yet", HttpStatusCode.OK, () => Get("/connect/authorize?client_id=platform-pages&response_type=code&scope=openid%20platform" +
            $"&redirect_uri={Uri.EscapeDataString(new Uri(s.Gateway, "/signed-in").ToString())}&code_challenge={new string('a', 43)}&code_challenge_method=S256")),
        Public("sign in without the page's antiforgery token", HttpStatusCode.BadRequest,
            () => Form("/connect/login", new() { ["email"] = s.Owner.Email, ["password"] = "not the password" })) with { Problems = false },

        // Users: the read side's public views, then a user's own routes.
        Public("profile", HttpStatusCode.OK, () => Get($"/api/users/{s.Owner.Id}")),
        Public("search", HttpStatusCode.OK, () => Get("/api/users?search=owner&limit=5")),
        Public("everyone's statistics", HttpStatusCode.OK, () => Get("/api/users/stats?days=7")),
        // The user's own change waits for the code mailed to the new address (202); an admin's takes effect at once.
        Owned("change email", HttpStatusCode.OK, other: HttpStatusCode.Forbidden,
            () => Json(HttpMethod.Put, $"/api/users/{s.Owner.Id}/email", new { email = Infrastructure.UsersApi.UniqueEmail("moved") }),
            owner: HttpStatusCode.Accepted),
        Owned("confirm an email change, wrong code", HttpStatusCode.UnprocessableEntity, other: HttpStatusCode.Forbidden,
            () => Json(HttpMethod.Post, $"/api/users/{s.Owner.Id}/email/confirm", new { code = new string('0', 32) })),
        Owned("event log", HttpStatusCode.OK, other: HttpStatusCode.NotFound, () => Get($"/api/users/{s.Owner.Id}/events")),
        Owned("user as of", HttpStatusCode.OK, other: HttpStatusCode.NotFound, () => Get($"/api/users/{s.Owner.Id}/as-of?version=1")),
        Owned("user changes", HttpStatusCode.OK, other: HttpStatusCode.NotFound, () => Get($"/api/users/{s.Owner.Id}/changes")),
        Owned("user statistics", HttpStatusCode.OK, other: HttpStatusCode.NotFound, () => Get($"/api/users/{s.Owner.Id}/stats")),

        // Orders: the owner's or an admin's.
        Owned("draft", HttpStatusCode.Created, other: HttpStatusCode.Forbidden,
            () => Json(HttpMethod.Post, "/api/orders", new { userId = s.Owner.Id, currency = "EUR" })),
        Owned("list orders", HttpStatusCode.OK, other: HttpStatusCode.Forbidden, () => Get($"/api/orders?userId={s.Owner.Id}")),
        Owned("order", HttpStatusCode.OK, other: HttpStatusCode.NotFound, () => Get($"/api/orders/{s.Draft}")),
        Owned("order as of", HttpStatusCode.OK, other: HttpStatusCode.NotFound, () => Get($"/api/orders/{s.Draft}/as-of?version=1")),
        Owned("order changes", HttpStatusCode.OK, other: HttpStatusCode.NotFound, () => Get($"/api/orders/{s.Draft}/changes")),
        Owned("add item", HttpStatusCode.OK, other: HttpStatusCode.NotFound,
            () => Json(HttpMethod.Post, $"/api/orders/{s.Draft}/items", new { productId = "book", quantity = 1, unitPrice = 3m })),
        Owned("remove item", HttpStatusCode.OK, other: HttpStatusCode.NotFound,
            async () => new HttpRequestMessage(HttpMethod.Delete, $"/api/orders/{await s.DraftWithAsync("pen")}/items/pen")),
        Owned("submit", HttpStatusCode.Accepted, other: HttpStatusCode.NotFound,
            async () => Json(HttpMethod.Post, $"/api/orders/{await s.DraftWithAsync("book")}/submit", new { payment = new { card = Infrastructure.OrdersApi.GoodCard } })),
        Owned("confirm (the former submit)", HttpStatusCode.Accepted, other: HttpStatusCode.NotFound,
            async () => Json(HttpMethod.Post, $"/api/orders/{await s.DraftWithAsync("book")}/confirm", new { payment = new { card = Infrastructure.OrdersApi.GoodCard } })),
        Owned("payment", HttpStatusCode.OK, other: HttpStatusCode.NotFound, () => Get($"/api/payments/{s.Submitted}")),
        Public("stock", HttpStatusCode.OK, () => Get("/api/stock/book")),

        // Mails: a signed-in caller; another user is answered with none of the owner's (the read test checks the content).
        Owned("mails to an address", HttpStatusCode.OK, other: HttpStatusCode.OK, () => Get($"/api/emails?to={Uri.EscapeDataString(s.Owner.Email)}")),

        // Analytics: aggregates, public.
        Public("metrics", HttpStatusCode.OK, () => Get("/api/analytics/metrics")),
        Public("live metrics", HttpStatusCode.OK, () => Get("/api/analytics/live")) with { Streams = true },

        // Admin routes: the gateway's own and the services'.
        Admin("services", HttpStatusCode.OK, () => Get("/api/admin/services")),
        Admin("policy", HttpStatusCode.OK, () => Get("/api/admin/policies/email")),
        Admin("change policy, invalid", HttpStatusCode.BadRequest, () => Json(HttpMethod.Put, "/api/admin/policies/email", new { retries = 99 })),
        Admin("topology", HttpStatusCode.OK, () => Get("/api/admin/topology")),
        Admin("plugins", HttpStatusCode.OK, () => Get("/api/admin/plugins")),
        Admin("shards", HttpStatusCode.OK, () => Get("/api/admin/shards")),
        Admin("add a shard that is on the ring already", HttpStatusCode.Conflict, () => Json(HttpMethod.Post, "/api/admin/shards", new { server = "users-shard-1" })),
        Admin("drain a server the store does not have", HttpStatusCode.NotFound, () => new HttpRequestMessage(HttpMethod.Delete, "/api/admin/shards/users-shard-9")),
        Admin("rebuild status", HttpStatusCode.OK, () => Get("/api/admin/read-models/rebuild")),
        Admin("rebuild", HttpStatusCode.Accepted, async () =>
        {
            await s.RebuildIdleAsync();
            return new HttpRequestMessage(HttpMethod.Post, "/api/admin/read-models/rebuild");
        }) with { Settle = caller => caller == MatrixCaller.Admin ? s.RebuildIdleAsync() : Task.CompletedTask },
        Admin("orders needing attention", HttpStatusCode.OK, () => Get("/api/admin/orders/attention")),
        Admin("compensate an order that needs none", HttpStatusCode.UnprocessableEntity, () => new HttpRequestMessage(HttpMethod.Post, $"/api/admin/orders/{s.Draft}/compensate")),
        Admin("batch status", HttpStatusCode.OK, () => Get("/api/admin/analytics/batch")),
        Admin("batch to a future watermark", HttpStatusCode.BadRequest,
            () => Json(HttpMethod.Post, "/api/admin/analytics/batch", new { watermark = DateTimeOffset.UtcNow.AddDays(1) })),
        Admin("replay status", HttpStatusCode.OK, () => Get("/api/admin/analytics/replay")),
        Admin("replay from the future", HttpStatusCode.BadRequest,
            () => Json(HttpMethod.Post, "/api/admin/analytics/replay", new { from = DateTimeOffset.UtcNow.AddDays(1) })),
        Admin("dead letters", HttpStatusCode.OK, () => Get("/api/admin/dead-letters")),
        Admin("redrive a queue that is no error queue", HttpStatusCode.NotFound, () => new HttpRequestMessage(HttpMethod.Post, "/api/admin/dead-letters/user-query-user-registered/redrive")),

        // Last, for it erases the owner: the owner's erasure, then an admin's of the same user (erasing again is no error).
        Owned("erase", HttpStatusCode.NoContent, other: HttpStatusCode.Forbidden, () => new HttpRequestMessage(HttpMethod.Delete, $"/api/users/{s.Owner.Id}")),
    ];

    private static ApiRoute Public(string name, HttpStatusCode answer, Func<HttpRequestMessage> request) =>
        new(name, _ => Task.FromResult(request()), _ => answer);

    private static ApiRoute Owned(string name, HttpStatusCode answer, HttpStatusCode other, Func<HttpRequestMessage> request, HttpStatusCode? owner = null) =>
        Owned(name, answer, other, () => Task.FromResult(request()), owner);

    /// <param name="owner">The owner's answer where it differs from an admin's (<paramref name="answer"/>).</param>
    private static ApiRoute Owned(string name, HttpStatusCode answer, HttpStatusCode other, Func<Task<HttpRequestMessage>> request, HttpStatusCode? owner = null) =>
        new(name, _ => request(), caller => caller switch
        {
            MatrixCaller.Anonymous => HttpStatusCode.Unauthorized,
            MatrixCaller.Other => other,
            MatrixCaller.Owner => owner ?? answer,
            _ => answer,
        });

    private static ApiRoute Admin(string name, HttpStatusCode answer, Func<HttpRequestMessage> request) =>
        Admin(name, answer, () => Task.FromResult(request()));

    private static ApiRoute Admin(string name, HttpStatusCode answer, Func<Task<HttpRequestMessage>> request) =>
        new(name, _ => request(), caller => caller switch
        {
            MatrixCaller.Anonymous => HttpStatusCode.Unauthorized,
            MatrixCaller.Admin => answer,
            _ => HttpStatusCode.Forbidden,
        });

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Form(string path, Dictionary<string, string> fields) =>
        new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
}
