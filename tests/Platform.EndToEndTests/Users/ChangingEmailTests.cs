using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Users;

[Collection(PlatformCollection.Name)]
public sealed class ChangingEmailTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Fact]
    public async Task A_change_at_the_current_version_is_applied_and_reaches_the_read_model()
    {
        var id = await users.RegisterNewAsync("Edsger Dijkstra");
        var newEmail = UsersApi.UniqueEmail("ewd");

        using var response = await users.ChangeEmailAsync(id, newEmail, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
        var profile = await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(5), p => p.GetProperty("version").GetInt64() == 2);
        Assert.Equal(newEmail, profile.GetProperty("email").GetString());
        Assert.True(profile.GetProperty("updatedAt").GetDateTimeOffset() > profile.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_change_without_If_Match_applies_to_the_latest_version()
    {
        var id = await users.RegisterNewAsync("Donald Knuth");

        using var response = await users.ChangeEmailAsync(id, UsersApi.UniqueEmail("knuth"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task If_Match_any_applies_to_the_latest_version_of_an_existing_user_only()
    {
        var id = await users.RegisterNewAsync("Frances Spence");

        using var existing = await users.ChangeEmailAsync(id, UsersApi.UniqueEmail("spence"), "*");
        using var unknown = await users.ChangeEmailAsync(Guid.NewGuid(), UsersApi.UniqueEmail("nobody"), "*");

        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
        Assert.Equal("\"2\"", existing.Headers.ETag?.Tag);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_change_at_a_stale_version_fails_its_precondition_and_changes_nothing()
    {
        var id = await users.RegisterNewAsync("John McCarthy");
        using (var first = await users.ChangeEmailAsync(id, UsersApi.UniqueEmail("lisp"), "\"1\""))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var stale = await users.ChangeEmailAsync(id, UsersApi.UniqueEmail("stale"), "\"1\"");

        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        var events = await users.GetJsonAsync($"/api/users/{id}/events");
        Assert.Equal(2, events.GetArrayLength());
    }

    [Fact]
    public async Task Of_50_simultaneous_changes_at_one_version_exactly_one_wins_and_49_fail_their_precondition()
    {
        var id = await users.RegisterNewAsync("Leslie Lamport");
        var emails = Enumerable.Range(1, 50).Select(i => UsersApi.UniqueEmail($"paxos{i}")).ToList();

        var responses = await Task.WhenAll(emails.Select(email => users.ChangeEmailAsync(id, email, "\"1\"")));

        var winner = Assert.Single(Enumerable.Range(0, 50), i => responses[i].StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await ProblemAssert.IsProblemAsync(loser, HttpStatusCode.PreconditionFailed);
        // The stream is intact: the registration and the one change that won, at versions 1 and 2.
        var events = await users.GetJsonAsync($"/api/users/{id}/events");
        Assert.Equal([1L, 2L], events.EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(emails[winner], events[1].GetProperty("data").GetProperty("newEmail").GetString());
        await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(10), profile => profile.GetProperty("email").GetString() == emails[winner]);
    }

    [Fact]
    public async Task An_email_that_belongs_to_another_user_is_refused()
    {
        var takenEmail = UsersApi.UniqueEmail("taken");
        await users.RegisterNewAsync("First Owner", takenEmail);
        var id = await users.RegisterNewAsync("Second User");

        using var response = await users.ChangeEmailAsync(id, takenEmail);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Changing_the_email_of_an_unknown_user_is_not_found()
    {
        using var response = await users.ChangeEmailAsync(Guid.NewGuid(), UsersApi.UniqueEmail("ghost"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Changing_to_the_current_email_records_nothing()
    {
        var email = UsersApi.UniqueEmail("same");
        var id = await users.RegisterNewAsync("Ken Thompson", email);

        using var response = await users.ChangeEmailAsync(id, email, "\"1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
    }
}
