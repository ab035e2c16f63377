using System.Net;
using System.Text;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Gateway;

/// <summary>What the gateway refuses before a service sees it, and the headers every answer carries.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewayLimitsTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_problem_json_and_registers_nothing()
    {
        var email = UsersApi.UniqueEmail("huge");
        var body = $$"""{"name":"{{new string('a', 2 * 1024 * 1024)}}","email":"{{email}}"}""";

        // As a client sends a large body: it waits for 100-continue, so the early 413 arrives before the body is sent
        // (without it the gateway answers and closes while the client still writes, and the client sees a broken pipe).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await platform.Gateway.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("limit", problem.GetProperty("detail").GetString());
        using var search = await platform.Admin.GetAsync($"/api/users?search={Uri.EscapeDataString(email)}"); // an admin searches emails
        Assert.Equal("[]", await search.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        using var found = await platform.Gateway.GetAsync($"/api/users/{Guid.NewGuid()}");
        using var health = await platform.Gateway.GetAsync("/health");

        foreach (var response in new[] { found, health })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }
}
