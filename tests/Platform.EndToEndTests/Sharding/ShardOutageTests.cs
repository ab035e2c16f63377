using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.EndToEndTests.Sharding;

/// <summary>
/// One shard's server stopped (issue 22): its users cannot be changed for a while, each request told so with 503
/// problem+json naming the shard; everyone else is served, through a gateway whose circuit stays closed; user-command
/// reports itself degraded, not down; and once the server is back its users are served again. Registrations go on
/// all along, retried with their Idempotency-Key when refused: afterwards each is in the store, the read model, the
/// mails and analytics exactly once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ShardOutageTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // changing another user's email is an admin's route
    private readonly AnalyticsApi analytics = new(platform.Gateway);

    [Fact]
    public async Task A_stopped_shard_leaves_only_its_users_unwritable_and_serves_them_again_once_it_is_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var shards = await UserShardDatabases.OpenAsync(platform);
        // Counted from this minute on: a scheduled batch run during the test corrects older minutes, not these. Taken
        // before the residents register: read after them, the count could still miss one, and count it later as extra.
        var started = DateTimeOffset.UtcNow;
        var analyticsBefore = await analytics.SettledRegistrationsSinceAsync(started);
        var residents = new Dictionary<string, Guid>();
        var residentsRegistered = 0;
        while (residents.Count < 2)
        {
            var id = await users.RegisterNewAsync("Shard Resident");
            residentsRegistered++;
            residents.TryAdd((await shards.ShardOfAsync(id)).Name, id);
        }
        var (down, stranded) = residents.First();
        var unaffected = residents.Last().Value;
        var server = down.Replace("users-", "postgres-", StringComparison.Ordinal);
        var registeredDuring = new List<Guid>();
        var batchBefore = await platform.Admin.GetStringAsync("/api/admin/analytics/batch"); // for the failure message: a batch run meanwhile moves the seam
        var run = Guid.NewGuid().ToString("N")[..8];
        var underLoad = new System.Collections.Concurrent.ConcurrentDictionary<Guid, string>();
        using var stopLoad = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !stopLoad.IsCancellationRequested; i++)
            {
                var email = $"outage-{run}-{i}@example.com";
                underLoad[(await Reconciliation.RegisterSurelyAsync(platform.Gateway, "Outage User", email, timeout.Token)).Id] = email;
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        });

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

        // The registrations under load, each once: events in the store, profiles, welcome mails, analytics' count.
        await stopLoad.CancelAsync();
        await load;
        var everyone = underLoad.ToArray();
        var reconcile = new Reconciliation(platform, everyone, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60));
        try
        {
            await Task.WhenAll(
                reconcile.EveryUserAsync(async user => (await users.GetJsonAsync($"/api/users/{user.Key}/events")).GetArrayLength() == 1, "one event in the store"),
                reconcile.EveryUserAsync(async user => (await users.GetAsync(user.Key)).StatusCode == HttpStatusCode.OK, "a profile in the read model"),
                reconcile.OneWelcomeMailEachAsync(),
                reconcile.AnalyticsCountsEveryRegistrationAsync(analytics, analyticsBefore + residentsRegistered + registeredDuring.Count, started));
        }
        catch (TimeoutException late)
        {
            throw new TimeoutException($"{late.Message}; {registeredDuring.Count} registered during the outage without retries; analytics' batch " +
                                       $"before: {batchBefore}, now: {await platform.Admin.GetStringAsync("/api/admin/analytics/batch")}; its replay: " +
                                       await platform.Admin.GetStringAsync("/api/admin/analytics/replay"), late);
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // nothing arrives twice late
        Assert.Equal(everyone.Length + residentsRegistered + registeredDuring.Count, await analytics.RegistrationsSinceAsync(started) - analyticsBefore);
        var delivered = platform.Mail.ByRecipient();
        Assert.All(everyone, user => Assert.Equal(1, Reconciliation.DistinctMessages(delivered, user.Value)));
    }
}
