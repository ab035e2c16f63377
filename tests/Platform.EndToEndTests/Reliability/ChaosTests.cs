using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Reliability;

/// <summary>
/// Chaos while users register: the broker stopped for 10 s, then user-query (one of its two instances), email and analytics each killed (SIGKILL)
/// and restarted. Afterwards every count reconciles, each exactly once: events in the store, profiles in the read
/// model, welcome mails delivered over SMTP, registrations counted by analytics. One round here;
/// PLATFORM_CHAOS_ROUNDS=N ./test.sh runs N.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChaosTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)
    private readonly AnalyticsApi analytics = new(platform.Gateway);

    [Fact]
    public async Task After_the_broker_stops_and_three_services_are_killed_under_registrations_every_count_reconciles()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_CHAOS_ROUNDS"), out var asked) ? Math.Max(1, asked) : 1;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4 * rounds + 2));
        var run = Guid.NewGuid().ToString("N")[..8];
        var started = DateTimeOffset.UtcNow; // analytics counted from this minute on: a batch run meanwhile corrects older minutes only
        var analyticsBefore = await analytics.SettledRegistrationsSinceAsync(started);
        var registered = new ConcurrentDictionary<Guid, string>();
        var retried = 0;

        using var stop = new CancellationTokenSource();
        var registering = Task.WhenAll(Enumerable.Range(0, 1).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var email = $"chaos-{run}-{worker}-{i}@example.com";
                var (id, attempts) = await Reconciliation.RegisterSurelyAsync(platform.Gateway, "Chaos User", email, timeout.Token);
                registered[id] = email;
                Interlocked.Add(ref retried, attempts - 1);
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        })));

        for (var round = 0; round < rounds; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token);
            await platform.Resources.StopAsync("messaging", timeout.Token);
            await Task.Delay(TimeSpan.FromSeconds(10), timeout.Token);
            await platform.Resources.StartAsync("messaging", timeout.Token);
            foreach (var service in new[] { "user-query", "email", "analytics" })
            {
                await ResourceProcess.KillAsync(platform.App, service, timeout.Token);
                await platform.Resources.StartAsync(service, timeout.Token);
            }
        }
        await stop.CancelAsync();
        await registering;
        var lastRestart = DateTimeOffset.UtcNow;

        // Reconcile, each exactly once, within 30 s of the last restart: the four checks run side by side.
        var everyone = registered.ToArray();
        var reconcile = new Reconciliation(platform, everyone, lastRestart, Recovery);
        var checks = await Task.WhenAll(
            reconcile.EveryUserAsync(async user => (await users.GetJsonAsync($"/api/users/{user.Key}/events")).GetArrayLength() == 1, "one event in the store"),
            reconcile.EveryUserAsync(async user =>
            {
                using var response = await platform.Admin.GetAsync($"/api/users/{user.Key}"); // the whole profile: an admin's
                return response.StatusCode == HttpStatusCode.OK
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString() == user.Value;
            }, "a profile in the read model"),
            reconcile.OneWelcomeMailEachAsync(),
            reconcile.AnalyticsCountsEveryRegistrationAsync(analytics, analyticsBefore, started));
        var (events, profiles, mails, counted) = (checks[0].Count, checks[1].Count, checks[2].Count, checks[3].Count);
        var recovered = checks.Max(check => check.After);

        await Task.Delay(TimeSpan.FromSeconds(3)); // nothing arrives twice late
        Assert.Equal(everyone.Length, await analytics.RegistrationsSinceAsync(started) - analyticsBefore);
        var delivered = platform.Mail.ByRecipient();
        Assert.All(everyone, user => Assert.Equal(1, Reconciliation.DistinctMessages(delivered, user.Value)));
        var copies = everyone.Sum(user => delivered[user.Value].Count()) - everyone.Length;
        Assert.Equal([everyone.Length, everyone.Length, everyone.Length, everyone.Length], new long[] { events, profiles, mails, counted });
        output.WriteLine($"Figures: chaos ({rounds} round(s): RabbitMQ stopped 10 s; user-query, email, analytics SIGKILLed and restarted): " +
                         $"{everyone.Length} registrations ({retried} retried with their Idempotency-Key) = {events} events = {profiles} profiles = " +
                         $"{mails} welcome mails ({copies} sent twice with its Message-ID) = {counted} counted by analytics; reconciled {recovered.TotalSeconds:0.0} s after the last restart " +
                         $"(store {checks[0].After.TotalSeconds:0.0} s, read model {checks[1].After.TotalSeconds:0.0} s, mails {checks[2].After.TotalSeconds:0.0} s, analytics {checks[3].After.TotalSeconds:0.0} s)");
    }
}
