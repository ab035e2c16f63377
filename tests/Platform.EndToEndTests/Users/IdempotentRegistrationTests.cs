using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Users;

/// <summary>A registration sent again with the same Idempotency-Key, one after the other or at once, creates one user.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdempotentRegistrationTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Fact]
    public async Task A_repeated_POST_with_the_same_key_creates_one_user_and_gets_the_first_answer()
    {
        var key = Guid.NewGuid().ToString();
        var email = UsersApi.UniqueEmail("again");

        using var first = await RegisterAsync(key, "Again", email);
        using var second = await RegisterAsync(key, "Again", email);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(await IdOf(first), await IdOf(second));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Eight_POSTs_with_the_same_key_at_once_create_one_user_and_all_get_its_id()
    {
        var key = Guid.NewGuid().ToString();
        var email = UsersApi.UniqueEmail("racing");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RegisterAsync(key, "Racing", email)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        var ids = await Task.WhenAll(responses.Select(IdOf));
        var id = Assert.Single(ids.Distinct());
        Assert.Equal(1, (await users.GetJsonAsync($"/api/users/{id}/events")).GetArrayLength());
        foreach (var response in responses)
            response.Dispose();
    }

    [Fact]
    public async Task The_same_key_for_another_registration_is_refused_with_422()
    {
        var key = Guid.NewGuid().ToString();
        using (var first = await RegisterAsync(key, "Keyed", UsersApi.UniqueEmail("keyed")))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var other = await RegisterAsync(key, "Other", UsersApi.UniqueEmail("other"));

        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.UnprocessableEntity);
    }

    private Task<HttpResponseMessage> RegisterAsync(string key, string name, string email)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { name, email }) };
        request.Headers.Add("Idempotency-Key", key);
        return platform.Gateway.SendAsync(request);
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}
