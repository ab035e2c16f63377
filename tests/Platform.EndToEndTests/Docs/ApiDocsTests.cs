using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests.Docs;

/// <summary>
/// The gateway serves every service's OpenAPI document, and its own, under one Scalar reference at /docs, which signs
/// in through the identity server's authorization code flow and tries the routes with that token.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ApiDocsTests(PlatformFixture platform)
{
    /// <summary>
    /// Each document, a path it must describe, an operation that needs a token and one that needs none (if it has any):
    /// the document marks the first, and only it, with its security requirements.
    /// </summary>
    public static TheoryData<string, string, string, string?> Documents => new()
    {
        { "user-command", "/api/users", "put /api/users/{id}/email", "post /api/users" },
        { "user-query", "/api/users/{id}", "get /api/users/{id}/stats", "get /api/users/{id}" },
        { "order", "/api/orders", "get /api/orders", "get /api/stock/{productId}" },
        { "email", "/api/emails", "get /api/emails", null },
        { "analytics", "/api/analytics/metrics", "post /api/admin/analytics/replay", "get /api/analytics/metrics" },
        { "chat", "/api/chat/rooms/{id}/messages", "post /api/chat/rooms/{id}/messages", null },
        { "gateway", "/api/admin/policies/{service}", "get /api/admin/policies/{service}", null },
    };

    /// <summary>Each document's title, as the reference shows it.</summary>
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["user-command"] = "Platform.UserCommand | v1",
        ["user-query"] = "Platform.UserQuery | v1",
        ["order"] = "Platform.Order | v1",
        ["email"] = "Platform.Email | v1",
        ["analytics"] = "Platform.Analytics | v1",
        ["chat"] = "Platform.Chat | v1",
        ["gateway"] = "Gateway control plane",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Each_document_is_served_through_the_gateway_with_its_own_routes_and_how_to_get_a_token(
        string document, string path, string secured, string? open)
    {
        var openApi = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{document}.json");

        Assert.StartsWith("3.", openApi.GetProperty("openapi").GetString());
        var paths = openApi.GetProperty("paths");
        Assert.True(paths.TryGetProperty(path, out _), $"{document}'s document lists no {path}: {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");

        var signIn = openApi.GetProperty("components").GetProperty("securitySchemes").GetProperty("sign-in");
        Assert.Equal("/connect/authorize", signIn.GetProperty("flows").GetProperty("authorizationCode").GetProperty("authorizationUrl").GetString());
        Assert.Equal(["sign-in", "bearer"], Requirements(paths, secured));
        if (open is not null)
            Assert.Empty(Requirements(paths, open));
    }

    /// <summary>The schemes an operation ("get /path") accepts, in order; none when it needs no token.</summary>
    private static List<string> Requirements(JsonElement paths, string operation)
    {
        var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
        var described = paths.GetProperty(path).GetProperty(method);
        return described.TryGetProperty("security", out var security)
            ? [.. security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name))]
            : [];
    }

    [Fact]
    public async Task The_reference_at_docs_shows_every_document_in_a_browser()
    {
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(platform.Gateway.BaseAddress!, "/docs/"));

        foreach (var (document, title) in Titles)
        {
            await page.GotoAsync(new Uri(platform.Gateway.BaseAddress!, $"/docs/{document}").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(page.GetByText("The gateway").First).ToBeVisibleAsync(); // "try it" goes through the gateway
        }
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task The_reference_signs_in_through_the_authorization_code_flow_and_tries_a_route_as_that_user()
    {
        const string password = "a reader's password";
        var accounts = new Accounts(platform);
        var (userId, email, token) = await accounts.SignedUpAsync("Docs Reader", password);
        var orderId = await Eventually.GetAsync(async () =>
        {
            using var drafted = await accounts.SendAsync(token, HttpMethod.Post, "/api/orders", new { currency = "EUR" });
            return drafted.StatusCode == HttpStatusCode.Created
                ? (true, (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!)
                : (false, "");
        }, TimeSpan.FromSeconds(10), $"the order context to know user {userId}");

        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(platform.Gateway.BaseAddress!, "/docs/order"));
        // "Authorize" opens the identity server's sign-in page in a window of its own; the reference takes the code
        // from the redirect, closes the window and exchanges the code, with its PKCE verifier, for a token.
        var signIn = await page.RunAndWaitForPopupAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Authorize", Exact = true }).ClickAsync());
        await signIn.FillAsync("#email", email);
        await signIn.FillAsync("#password", password);
        var exchange = await page.RunAndWaitForResponseAsync(() => signIn.ClickAsync("button[type=submit]"),
            response => response.Url.EndsWith("/connect/token", StringComparison.Ordinal), new() { Timeout = 15_000 });
        Assert.Equal(200, exchange.Status);
        var granted = exchange.Request.PostData ?? "";
        Assert.Contains("grant_type=authorization_code", granted);
        Assert.Contains("code_verifier=", granted);

        // "Try it" on the caller's own orders sends that token, and the answer is this user's list.
        await page.Locator("a[href='#tag/orders/GET/api/orders']").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request (get /api/orders)" }).ClickAsync();
        var listed = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send get request to " + new Uri(platform.Gateway.BaseAddress!, "/api/orders") }).First.ClickAsync(),
            response => new Uri(response.Url).AbsolutePath == "/api/orders", new() { Timeout = 15_000 });
        Assert.Equal(200, listed.Status);
        Assert.StartsWith("Bearer ", (await listed.Request.AllHeadersAsync())["authorization"]);
        Assert.Contains(orderId, await listed.TextAsync());
        Assert.Empty(browser.PageErrors);
    }
}
