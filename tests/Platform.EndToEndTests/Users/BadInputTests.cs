using System.Net;
using System.Text;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Users;

/// <summary>Whatever a client sends, the answer is a 4xx problem+json, never a 500.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Theory]
    [InlineData("""{"name":"Ada","email":"not-an-email"}""", "email")]
    [InlineData("""{"name":"Ada"}""", "email")]
    [InlineData("""{"name":"","email":"ada@example.com"}""", "name")]
    [InlineData("""{"email":"ada@example.com"}""", "name")]
    [InlineData("""{"name":"   ","email":"ada@example.com"}""", "name")]
    [InlineData("""{"name":"Ada","email":"ada\u0000@example.com"}""", "email")]
    [InlineData("", "name")]
    [InlineData("null", "name")]
    public async Task Invalid_registrations_are_refused_with_the_field_at_fault(string body, string field)
    {
        using var response = await PostJsonAsync("/api/users", body);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("""{"name":""")]
    [InlineData("""not json at all""")]
    [InlineData("""{"name":42,"email":true}""")]
    [InlineData("""[]""")]
    [InlineData("""{"name":"\ud800","email":"lone.surrogate@example.com"}""")]
    public async Task Malformed_bodies_are_refused(string body)
    {
        using var response = await PostJsonAsync("/api/users", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_name_longer_than_allowed_is_refused()
    {
        using var response = await users.RegisterAsync(new string('x', 101), UsersApi.UniqueEmail("long"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"0\"")]
    [InlineData("\"-1\"")]
    public async Task An_If_Match_that_is_not_a_version_is_refused(string ifMatch)
    {
        var id = await users.RegisterNewAsync("Niklaus Wirth");

        using var response = await users.ChangeEmailAsync(id, UsersApi.UniqueEmail("wirth"), ifMatch);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_invalid_new_email_is_refused()
    {
        var id = await users.RegisterNewAsync("Tony Hoare");

        using var response = await users.ChangeEmailAsync(id, "hoare-at-example.com", "\"1\"");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found()
    {
        using var response = await users.GetAsync(Guid.NewGuid());

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/users/not-a-guid")]
    [InlineData("/api/nothing-here")]
    public async Task Unknown_routes_are_not_found(string path)
    {
        using var response = await platform.Gateway.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/users?limit=0")]
    [InlineData("/api/users?limit=101")]
    [InlineData("/api/users?offset=-1")]
    [InlineData("/api/users?limit=many")]
    [InlineData("/api/users?search=%00")]
    public async Task Out_of_range_paging_is_refused(string path)
    {
        using var response = await platform.Gateway.GetAsync(path);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string body) =>
        platform.Gateway.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
}
