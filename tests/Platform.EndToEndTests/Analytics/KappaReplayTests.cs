using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Analytics;

/// <summary>
/// The Kappa replay on the real log: the speed view rebuilt from a point in time into a shadow, swapped in at the end,
/// equal to the live metrics, while queries keep answering.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class KappaReplayTests(PlatformFixture platform, ITestOutputHelper output)
{
    private readonly UsersApi users = new(platform.Admin); // a user's statistics answer the user or an admin (issue 21)
    private readonly AnalyticsApi analytics = new(platform.Gateway, platform.Admin);

    [Fact]
    public async Task A_replay_from_a_mid_point_reproduces_the_live_metrics_while_queries_keep_answering()
    {
        var registered = new List<Guid>();
        for (var i = 0; i < 6; i++)
            registered.Add(await users.RegisterNewAsync($"Replayed {i}"));
        // From the fourth registration's own time: the log's timestamp offset begins up to a second early, in the
        // middle of the first three, which the replay must not count again.
        var from = (await users.WaitForStatisticsAsync(registered[3], TimeSpan.FromSeconds(15))).GetProperty("registeredAt").GetDateTimeOffset();
        var live = await analytics.SettledSnapshotAsync();

        using var started = await platform.Admin.PostAsJsonAsync("/api/admin/analytics/replay", new { from });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var answered = 0;
        var status = await Eventually.GetAsync(async () =>
        {
            Assert.Equal(live, await analytics.SnapshotAsync()); // the live view serves, unchanged, during the replay
            answered++;
            var current = await platform.Admin.GetFromJsonAsync<JsonElement>("/api/admin/analytics/replay");
            return (current.GetProperty("state").GetString() is "Completed" or "Failed", current);
        }, TimeSpan.FromSeconds(60), "the replay to finish");

        Assert.True(status.GetProperty("state").GetString() == "Completed", $"the replay failed: {status}");
        Assert.True(status.GetProperty("eventsDone").GetInt64() >= 3, $"the three registrations after the mid-point are replayed: {status}");
        Assert.Equal(live, await analytics.SnapshotAsync());
        output.WriteLine($"Figures: replay from the 4th of 6 registrations: {status.GetProperty("eventsDone")} events replayed at {status.GetProperty("eventsPerSecond")}/s, {answered} queries answered during it, metrics equal to the live ones");
    }

    [Fact]
    public async Task A_replay_without_a_time_or_from_the_future_is_a_400_problem()
    {
        using var missing = await platform.Admin.PostAsJsonAsync("/api/admin/analytics/replay", new { });
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest);
        using var future = await platform.Admin.PostAsJsonAsync("/api/admin/analytics/replay", new { from = DateTimeOffset.UtcNow.AddHours(1) });
        await ProblemAssert.IsProblemAsync(future, HttpStatusCode.BadRequest);
    }
}
