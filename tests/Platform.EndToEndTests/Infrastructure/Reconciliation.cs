using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// Each of a run's registrations seen exactly once downstream, within <paramref name="within"/> of <paramref name="since"/>:
/// what the chaos and rebalance tests check after they disturbed the system under registrations. Each check waits
/// for its count, and names what is missing when it does not come.
/// </summary>
public sealed class Reconciliation(PlatformFixture platform, IReadOnlyList<KeyValuePair<Guid, string>> users, DateTimeOffset since, TimeSpan within)
{
    /// <summary>Each user holds <paramref name="holds"/>, asked a few users at a time (the checks must not be the load).</summary>
    public async Task<(long Count, TimeSpan After)> EveryUserAsync(Func<KeyValuePair<Guid, string>, Task<bool>> holds, string what)
    {
        var pending = users.ToList();
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                using var slots = new SemaphoreSlim(16);
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
            }, Remaining(), what);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Not {within.TotalSeconds:0} s after: {what} for {pending.Count} of {users.Count} users, e.g. {pending[0].Key}");
        }
        return (users.Count, DateTimeOffset.UtcNow - since);
    }

    /// <summary>
    /// One welcome mail over SMTP for each user. SMTP cannot take part in a transaction: a kill between the server's
    /// 250 and the commit sends the mail again, with the same Message-ID (ADR 0009); a mail is delivered once when it is
    /// one message, however many copies.
    /// </summary>
    public async Task<(long Count, TimeSpan After)> OneWelcomeMailEachAsync()
    {
        var pending = users.ToList();
        try
        {
            await Eventually.HoldsAsync(() =>
            {
                var delivered = platform.Mail.ByRecipient(); // one pass over the Maildir per probe
                pending = [.. pending.Where(user => DistinctMessages(delivered, user.Value) != 1)];
                return Task.FromResult(pending.Count == 0);
            }, Remaining(), "one welcome mail over SMTP");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Not {within.TotalSeconds:0} s after: one welcome mail over SMTP for {pending.Count} of " +
                                       $"{users.Count} users, e.g. {pending[0].Value} ({platform.Mail.To(pending[0].Value).Count} mails)");
        }
        return (users.Count, DateTimeOffset.UtcNow - since);
    }

    /// <summary>
    /// Analytics counts every registration: its count (from the minute of <paramref name="countedSince"/> on, if given) rose
    /// from <paramref name="before"/> by at least the users'.
    /// </summary>
    public async Task<(long Count, TimeSpan After)> AnalyticsCountsEveryRegistrationAsync(AnalyticsApi analytics, long before, DateTimeOffset? countedSince = null)
    {
        long count = 0;
        try
        {
            await Eventually.HoldsAsync(async () => (count = await (countedSince is { } from ? analytics.RegistrationsSinceAsync(from) : analytics.RegistrationsAsync()) - before) >= users.Count,
                Remaining(), "analytics to count every registration");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Not {within.TotalSeconds:0} s after: analytics counted {count} of {users.Count} registrations");
        }
        return (count, DateTimeOffset.UtcNow - since);
    }

    public static int DistinctMessages(ILookup<string, MimeKit.MimeMessage> delivered, string address) =>
        delivered[address.ToLowerInvariant()].Select(mail => mail.MessageId).Distinct().Count();

    private TimeSpan Remaining() => within - (DateTimeOffset.UtcNow - since) is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>
    /// A registration whose outcome is always known: sent again with its Idempotency-Key until it is answered 201; any
    /// answer but a 5xx, 429 or a registration in progress fails the test.
    /// </summary>
    /// <param name="route">Where registrations go: user-command's route, or the register-user function's.</param>
    public static async Task<(Guid Id, int Attempts)> RegisterSurelyAsync(HttpClient gateway, string name, string email, CancellationToken ct,
        Action<HttpResponseMessage>? retrying = null, string route = "/api/users")
    {
        var key = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(new { name, email }) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await gateway.SendAsync(request, ct);
                if (response.StatusCode == HttpStatusCode.Created)
                    return ((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid(), attempt);
                var body = await response.Content.ReadAsStringAsync(ct);
                // 409 "Registration in progress": the first attempt's key is held until its stream is there or it is
                // abandoned (when its shard was down, 30 s after it); the answer says to retry shortly.
                Assert.True((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                    || (response.StatusCode == HttpStatusCode.Conflict && body.Contains("\"Registration in progress\"", StringComparison.Ordinal)),
                    $"registering {email}: {(int)response.StatusCode} {body}");
                retrying?.Invoke(response);
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }
}
