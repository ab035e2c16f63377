using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.EndToEndTests.Sharding;

/// <summary>
/// One shard's server stopped (issue 22): its users cannot be changed for a while, each request told so with 503
/// problem+json naming the shard; everyone else is served, through a gateway whose circuit stays closed; user-command
/// reports itself degraded, not down; and once the server is back its users are served again.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ShardOutageTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // changing another user's email is an admin's route

    [Fact]
    public async Task A_stopped_shard_leaves_only_its_users_unwritable_and_serves_them_again_once_it_is_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var shards = await UserShardDatabases.OpenAsync(platform);
        var residents = new Dictionary<string, Guid>();
        while (residents.Count < 2)
        {
            var id = await users.RegisterNewAsync("Shard Resident");
            residents.TryAdd((await shards.ShardOfAsync(id)).Name, id);
        }
        var (down, stranded) = residents.First();
        var unaffected = residents.Last().Value;
        var server = down.Replace("users-", "postgres-", StringComparison.Ordinal);
        var registeredDuring = new List<Guid>();

        await platform.Resources.StopAsync(server, timeout.Token);
        try
        {
            using (var refused = await users.ChangeEmailAsync(stranded, UsersApi.UniqueEmail("stranded")))
            {
                await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
                Assert.Equal(down, Assert.Single(refused.Headers.GetValues(PartialOutage.Header)));
                Assert.NotNull(refused.Headers.RetryAfter);
            }
            // Many refusals for that shard's users do not open the gateway's circuit: everyone else is still served.
            for (var i = 0; i < 20; i++)
            {
                using var again = await users.ChangeEmailAsync(stranded, UsersApi.UniqueEmail("stranded"));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
            }
            using (var served = await users.ChangeEmailAsync(unaffected, UsersApi.UniqueEmail("unaffected")))
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);

            // A new user is registered whole, or refused whole when its bucket is on the stopped shard.
            foreach (var n in Enumerable.Range(0, 12))
            {
                using var answer = await users.RegisterAsync($"During Outage {n}", UsersApi.UniqueEmail("during"));
                if (answer.StatusCode == HttpStatusCode.Created)
                    registeredDuring.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                else
                    await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.ServiceUnavailable);
            }
            Assert.NotEmpty(registeredDuring);

            using var direct = new HttpClient { BaseAddress = platform.App.GetEndpoint("user-command", "http") };
            Assert.Equal("Degraded", await direct.GetStringAsync(ServiceDefaultsExtensions.HealthPath, timeout.Token));
        }
        finally
        {
            await platform.Resources.StartAsync(server, timeout.Token);
        }

        await Eventually.HoldsAsync(async () =>
        {
            using var back = await users.ChangeEmailAsync(stranded, UsersApi.UniqueEmail("back"));
            return back.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(60), $"user {stranded} on {down} to be served again");
        foreach (var id in registeredDuring)
            await users.WaitForProfileAsync(id, TimeSpan.FromSeconds(30));
    }
}
