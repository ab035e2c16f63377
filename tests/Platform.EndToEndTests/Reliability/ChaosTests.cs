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
        var analyticsBefore = await analytics.SettledRegistrationsAsync();
        var registered = new ConcurrentDictionary<Guid, string>();
        var retried = 0;

        using var stop = new CancellationTokenSource();
        var registering = Task.WhenAll(Enumerable.Range(0, 1).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var email = $"chaos-{run}-{worker}-{i}@example.com";
                var (id, attempts) = await RegisterSurelyAsync(email, timeout.Token);
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
        var checks = await Task.WhenAll(
            CountAsync(everyone, async user => (await users.GetJsonAsync($"/api/users/{user.Key}/events")).GetArrayLength() == 1, "one event in the store"),
            CountAsync(everyone, async user =>
            {
                using var response = await platform.Admin.GetAsync($"/api/users/{user.Key}"); // the whole profile: an admin's
                return response.StatusCode == HttpStatusCode.OK
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString() == user.Value;
            }, "a profile in the read model"),
            CountMailsAsync(),
            CountRegistrationsAsync());
        var (events, profiles, mails, counted) = (checks[0].Count, checks[1].Count, checks[2].Count, checks[3].Count);
        var recovered = checks.Max(check => check.After);

        await Task.Delay(TimeSpan.FromSeconds(3)); // nothing arrives twice late
        Assert.Equal(everyone.Length, await analytics.RegistrationsAsync() - analyticsBefore);
        var delivered = platform.Mail.ByRecipient();
        Assert.All(everyone, user => Assert.Equal(1, DistinctMessages(delivered, user.Value)));
        var copies = everyone.Sum(user => delivered[user.Value].Count()) - everyone.Length;
        Assert.Equal([everyone.Length, everyone.Length, everyone.Length, everyone.Length], new long[] { events, profiles, mails, counted });
        output.WriteLine($"Figures: chaos ({rounds} round(s): RabbitMQ stopped 10 s; user-query, email, analytics SIGKILLed and restarted): " +
                         $"{everyone.Length} registrations ({retried} retried with their Idempotency-Key) = {events} events = {profiles} profiles = " +
                         $"{mails} welcome mails ({copies} sent twice with its Message-ID) = {counted} counted by analytics; reconciled {recovered.TotalSeconds:0.0} s after the last restart " +
                         $"(store {checks[0].After.TotalSeconds:0.0} s, read model {checks[1].After.TotalSeconds:0.0} s, mails {checks[2].After.TotalSeconds:0.0} s, analytics {checks[3].After.TotalSeconds:0.0} s)");

        // SMTP cannot take part in a transaction: a kill between the server's 250 and the commit sends the mail again,
        // with the same Message-ID (ADR 0009). A mail is delivered once when it is one message, however many copies.
        async Task<(long Count, TimeSpan After)> CountMailsAsync()
        {
            var pending = everyone.ToList();
            try
            {
                await Eventually.HoldsAsync(() =>
                {
                    var delivered = platform.Mail.ByRecipient(); // one pass over the Maildir per probe
                    pending = [.. pending.Where(user => DistinctMessages(delivered, user.Value) != 1)];
                    return Task.FromResult(pending.Count == 0);
                }, Remaining(lastRestart), "one welcome mail over SMTP");
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Not {Recovery.TotalSeconds:0} s after the last restart: one welcome mail over SMTP for {pending.Count} of " +
                                           $"{everyone.Length} users, e.g. {pending[0].Value} ({platform.Mail.To(pending[0].Value).Count} mails)");
            }
            return (everyone.Length, DateTimeOffset.UtcNow - lastRestart);
        }

        async Task<(long Count, TimeSpan After)> CountRegistrationsAsync()
        {
            long count = 0;
            try
            {
                await Eventually.HoldsAsync(async () => (count = await analytics.RegistrationsAsync() - analyticsBefore) >= everyone.Length,
                    Remaining(lastRestart), "analytics to count every registration");
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Not {Recovery.TotalSeconds:0} s after the last restart: analytics counted {count} of {everyone.Length} registrations");
            }
            return (count, DateTimeOffset.UtcNow - lastRestart);
        }

        async Task<(long Count, TimeSpan After)> CountAsync(KeyValuePair<Guid, string>[] all, Func<KeyValuePair<Guid, string>, Task<bool>> holds, string what)
        {
            var pending = all.ToList();
            try
            {
                await Eventually.HoldsAsync(async () =>
                {
                    using var slots = new SemaphoreSlim(16); // a few requests at a time: the checks must not be the load
                    var results = await Task.WhenAll(pending.Select(async user =>
                    {
                        await slots.WaitAsync();
                        try
                        {
                            return (user, ok: await holds(user));
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }));
                    pending = [.. results.Where(r => !r.ok).Select(r => r.user)];
                    return pending.Count == 0;
                }, Remaining(lastRestart), what);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Not {Recovery.TotalSeconds:0} s after the last restart: {what} for {pending.Count} of {all.Length} users, e.g. {pending[0].Key}");
            }
            return (all.Length, DateTimeOffset.UtcNow - lastRestart);
        }
    }

    private static int DistinctMessages(ILookup<string, MimeKit.MimeMessage> delivered, string address) =>
        delivered[address.ToLowerInvariant()].Select(mail => mail.MessageId).Distinct().Count();

    private static TimeSpan Remaining(DateTimeOffset since) => Recovery - (DateTimeOffset.UtcNow - since) is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>A registration whose outcome is always known: sent again with its Idempotency-Key until it is answered 201.</summary>
    private async Task<(Guid Id, int Attempts)> RegisterSurelyAsync(string email, CancellationToken ct)
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { name = "Chaos User", email }) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await platform.Gateway.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.Created)
                    return ((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid(), attempt);
                Assert.True((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests,
                    $"registering {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }
}
