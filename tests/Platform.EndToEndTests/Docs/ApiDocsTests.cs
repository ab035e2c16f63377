using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests.Docs;

/// <summary>The gateway serves every service's OpenAPI document, and its own, under one Scalar reference at /docs.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ApiDocsTests(PlatformFixture platform)
{
    /// <summary>Each document, and a path it must describe.</summary>
    public static TheoryData<string, string> Documents => new()
    {
        { "user-command", "/api/users" },
        { "user-query", "/api/users/{id}" },
        { "order", "/api/orders" },
        { "email", "/api/emails" },
        { "analytics", "/api/analytics/metrics" },
        { "gateway", "/api/admin/policies/{service}" },
    };

    /// <summary>Each document's title, as the reference shows it.</summary>
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["user-command"] = "Platform.UserCommand | v1",
        ["user-query"] = "Platform.UserQuery | v1",
        ["order"] = "Platform.Order | v1",
        ["email"] = "Platform.Email | v1",
        ["analytics"] = "Platform.Analytics | v1",
        ["gateway"] = "Gateway control plane",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Each_document_is_served_through_the_gateway_with_its_own_routes(string document, string path)
    {
        var openApi = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/openapi/{document}.json");

        Assert.StartsWith("3.", openApi.GetProperty("openapi").GetString());
        Assert.True(openApi.GetProperty("paths").TryGetProperty(path, out _),
            $"{document}'s document lists no {path}: {string.Join(", ", openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name))}");
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
}
