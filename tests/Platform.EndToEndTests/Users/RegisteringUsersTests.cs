using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Users;

[Collection(PlatformCollection.Name)]
public sealed class RegisteringUsersTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Fact]
    public async Task A_registered_user_is_returned_by_the_read_model_within_two_seconds()
    {
        var email = UsersApi.UniqueEmail("grace");

        using var response = await users.RegisterAsync("Grace Hopper", email);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(1, created.GetProperty("version").GetInt64());
        Assert.Equal($"/api/users/{id}", response.Headers.Location?.OriginalString);

        var profile = await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(2));
        Assert.Equal("Grace Hopper", profile.GetProperty("name").GetString());
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal(1, profile.GetProperty("version").GetInt64());
        Assert.Equal(profile.GetProperty("createdAt").GetDateTimeOffset(), profile.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_email_is_registered_once_ignoring_case()
    {
        var email = UsersApi.UniqueEmail("alan");
        await users.RegisterNewAsync("Alan Turing", email);

        using var again = await users.RegisterAsync("Another Alan", email.ToUpperInvariant());

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Of_simultaneous_registrations_with_one_email_exactly_one_succeeds()
    {
        var email = UsersApi.UniqueEmail("race");

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => users.RegisterAsync($"Racer {i}", email)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_event_log_of_a_user_lists_its_events_in_order()
    {
        var id = await users.RegisterNewAsync("Barbara Liskov");
        var newEmail = UsersApi.UniqueEmail("liskov");
        using (var change = await users.ChangeEmailAsync(id, newEmail, "\"1\""))
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var events = await users.GetJsonAsync($"/api/users/{id}/events");

        Assert.Equal(["UserCreated", "EmailUpdated"], events.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L], events.EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(newEmail, events[1].GetProperty("data").GetProperty("newEmail").GetString());
        Assert.True(events[0].GetProperty("timestamp").GetDateTimeOffset() <= events[1].GetProperty("timestamp").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_event_log_of_an_unknown_user_is_not_found()
    {
        using var response = await platform.Admin.GetAsync($"/api/users/{Guid.NewGuid()}/events");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}
