using System.Net;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.TimeTravel;

/// <summary>
/// A user as it was, from the event store through the gateway's own routes for it (not the read side's, so no
/// fallback cache can answer): as of an instant, at a version, and what changed between two instants.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class UserTimeTravelTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)
    private readonly TimeTravelApi history = new(platform.Admin, "/api/users"); // a user's past answers the user or an admin

    [Fact]
    public async Task A_user_as_of_an_instant_between_two_changes_has_the_middle_email()
    {
        var (id, emails, recorded) = await UserWithTwoChangesAsync("Ada Lovelace");

        // Only user-command answers this route: the read side has none, so a 200 is the event store's answer.
        var past = await TimeTravelApi.OkAsync(history.AsOfAsync(id, TimeTravelApi.Between(recorded[1], recorded[2])));

        Assert.Equal(emails[1], past.GetProperty("state").GetProperty("email").GetString());
        Assert.Equal(2, past.GetProperty("version").GetInt64());
        Assert.Equal(recorded[1], past.GetProperty("lastEventAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Changes_between_the_first_and_last_instants_list_both_changes_and_the_email_before_and_after()
    {
        var (id, emails, recorded) = await UserWithTwoChangesAsync("Grace Hopper");

        var changes = await TimeTravelApi.OkAsync(history.ChangesAsync(id, recorded[0], recorded[2]));

        Assert.Equal([2L, 3L], changes.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal([emails[1], emails[2]],
            changes.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("data").GetProperty("newEmail").GetString()));
        Assert.Equal((1L, 3L), (changes.GetProperty("fromVersion").GetInt64(), changes.GetProperty("toVersion").GetInt64()));
        var email = Assert.Single(changes.GetProperty("changes").EnumerateArray());
        Assert.Equal("email", email.GetProperty("field").GetString());
        Assert.Equal((emails[0], emails[2]), (email.GetProperty("before").GetString(), email.GetProperty("after").GetString()));
    }

    [Fact]
    public async Task An_instant_before_the_stream_or_a_version_beyond_it_is_not_found_and_a_future_instant_is_refused()
    {
        var (id, _, recorded) = await UserWithTwoChangesAsync("Barbara Liskov");

        await ProblemAssert.IsProblemAsync(await history.AsOfAsync(id, recorded[0].AddMilliseconds(-1)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await history.AtVersionAsync(id, 4), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await history.AsOfAsync(Guid.NewGuid(), DateTimeOffset.UtcNow), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await history.AsOfAsync(id, DateTimeOffset.UtcNow.AddHours(1)), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await history.AtVersionAsync(id, 0), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await history.ChangesAsync(id, recorded[2], recorded[0]), HttpStatusCode.BadRequest);
    }

    /// <summary>Registers a user and changes its email twice: the three emails and the three recorded instants.</summary>
    private async Task<(Guid Id, string[] Emails, DateTimeOffset[] Recorded)> UserWithTwoChangesAsync(string name)
    {
        var emails = new[] { UsersApi.UniqueEmail("first"), UsersApi.UniqueEmail("second"), UsersApi.UniqueEmail("third") };
        var id = await users.RegisterNewAsync(name, emails[0]);
        foreach (var email in emails[1..])
        {
            using var changed = await users.ChangeEmailAsync(id, email);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }
        var recorded = new DateTimeOffset[3];
        for (var version = 1; version <= 3; version++)
        {
            var (state, at) = await history.VersionAsync(id, version);
            Assert.Equal(emails[version - 1], state.GetProperty("email").GetString());
            recorded[version - 1] = at;
        }
        Assert.True(recorded[0] < recorded[1] && recorded[1] < recorded[2], string.Join(", ", recorded));
        return (id, emails, recorded);
    }
}
