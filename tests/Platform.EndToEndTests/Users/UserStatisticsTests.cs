using System.Net;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Users;

/// <summary>GET /api/users/{id}/stats and GET /api/users/stats, from the read model.</summary>
[Collection(PlatformCollection.Name)]
public sealed class UserStatisticsTests(PlatformFixture platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Fact]
    public async Task A_users_statistics_count_its_email_changes_and_date_the_last()
    {
        var id = await users.RegisterNewAsync("Katherine Johnson");
        var registered = await users.WaitForProfileAsync(id, Within);
        var before = await users.GetJsonAsync($"/api/users/{id}/stats");
        Assert.Equal(0, before.GetProperty("emailChanges").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, before.GetProperty("lastEmailChangeAt").ValueKind);

        for (var version = 1; version <= 2; version++)
            using (var change = await users.ChangeEmailAsync(id, UsersApi.UniqueEmail("katherine"), $"\"{version}\""))
                change.EnsureSuccessStatusCode();
        var changed = await users.WaitForProfileAsync(id, Within, profile => profile.GetProperty("version").GetInt64() == 3);

        var stats = await users.GetJsonAsync($"/api/users/{id}/stats");
        Assert.Equal(2, stats.GetProperty("emailChanges").GetInt64());
        Assert.Equal(registered.GetProperty("createdAt").GetDateTimeOffset(), stats.GetProperty("registeredAt").GetDateTimeOffset());
        Assert.Equal(changed.GetProperty("updatedAt").GetDateTimeOffset(), stats.GetProperty("lastEmailChangeAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_global_statistics_count_every_registration_and_todays()
    {
        var before = await users.GetJsonAsync("/api/users/stats?days=1");
        var id = await users.RegisterNewAsync("Counted Once");
        await users.WaitForProfileAsync(id, Within);

        var after = await users.GetJsonAsync("/api/users/stats?days=1");

        Assert.Equal(before.GetProperty("totalUsers").GetInt64() + 1, after.GetProperty("totalUsers").GetInt64());
        var today = Assert.Single(after.GetProperty("registrationsPerDay").EnumerateArray());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), today.GetProperty("day").GetString());
        Assert.Equal(TodaysCount(before) + 1, today.GetProperty("registrations").GetInt64());
    }

    [Theory]
    [InlineData("/api/users/stats?days=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/users/stats?days=367", HttpStatusCode.BadRequest)]
    [InlineData("/api/users/0195a3a4-0000-7000-8000-000000000000/stats", HttpStatusCode.NotFound)]
    public async Task Bad_statistics_requests_are_problems(string path, HttpStatusCode status)
    {
        using var response = await platform.Admin.GetAsync(path); // an unknown user's statistics: not found, even for an admin

        await ProblemAssert.IsProblemAsync(response, status);
    }

    private static long TodaysCount(System.Text.Json.JsonElement stats) =>
        stats.GetProperty("registrationsPerDay").EnumerateArray().Select(day => day.GetProperty("registrations").GetInt64()).FirstOrDefault();
}
