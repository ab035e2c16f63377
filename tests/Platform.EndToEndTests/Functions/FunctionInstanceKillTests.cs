using System.Collections.Concurrent;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.Functions;

/// <summary>
/// An instance of the register-user function killed in the middle of a burst (issue 23): the requests it held fail
/// (502 problem+json from the activator, which says to retry with the Idempotency-Key), their retries are served by
/// the instance the activator starts or the others, and every registration that was answered 201 is in the read model.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FunctionInstanceKillTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Function = "register-user";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Killing_an_instance_mid_burst_loses_no_registration_that_was_answered_201()
    {
        using var stop = new CancellationTokenSource();
        var answered = new ConcurrentBag<KeyValuePair<Guid, string>>();
        var retried = 0;
        var burst = Task.WhenAll(Enumerable.Range(0, 8).Select(async client =>
        {
            while (!stop.IsCancellationRequested)
            {
                var email = UsersApi.UniqueEmail("killed-burst");
                var (id, _) = await Reconciliation.RegisterSurelyAsync(platform.Gateway, $"Burst {client}", email, CancellationToken.None,
                    retrying: _ => Interlocked.Increment(ref retried), route: $"/api/functions/{Function}");
                answered.Add(KeyValuePair.Create(id, email));
            }
        }));

        int beforeKill;
        try
        {
            // Mid-burst: an instance that has been serving it is killed outright.
            await Eventually.HoldsAsync(() => Task.FromResult(answered.Count >= 40), Within, "40 registrations through the function before the kill");
            var victim = FunctionsApi.Processes(Function)[0];
            beforeKill = answered.Count;
            victim.Kill();
            await Eventually.HoldsAsync(() => Task.FromResult(answered.Count >= beforeKill + 40), Within, "40 more registrations answered after the kill");
        }
        finally
        {
            await stop.CancelAsync(); // on a failure too: the burst would go on under the tests after this one
        }
        await burst;

        var users = answered.ToList();
        var readModel = new UsersApi(platform.Gateway);
        await new Reconciliation(platform, users, DateTimeOffset.UtcNow, Within).EveryUserAsync(async user =>
        {
            using var profile = await readModel.GetAsync(user.Key);
            return profile.IsSuccessStatusCode;
        }, "every registration answered 201 in the read model");
        Assert.True(retried > 0, "the kill failed no request in flight: it did not hit the burst");
        output.WriteLine($"Figures: register-user instance killed mid-burst after {beforeKill} registrations: {users.Count} answered 201 by 8 clients, " +
                         $"{retried} attempts retried with their Idempotency-Key, every one in the read model");
    }
}
