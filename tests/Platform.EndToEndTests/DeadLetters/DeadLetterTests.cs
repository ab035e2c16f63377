using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Users.V1;
using Platform.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace Platform.EndToEndTests.DeadLetters;

/// <summary>
/// A message that fails every retry ends in its error queue without holding up the messages behind it; the gateway
/// lists it with why it failed, and once the cause is fixed a redrive moves it back, where it is processed once.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DeadLetterTests(PlatformFixture platform, ITestOutputHelper output)
{
    // MassTransit's endpoint names: the service's name, then the consumer's (ServiceDefaults' bus).
    private const string EmailChanges = "user-query-user-email-changed";
    private const string Registrations = "user-query-user-registered";
    private const string DeadEmailChanges = EmailChanges + "_error";
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Fact]
    public async Task A_poison_message_is_dead_lettered_without_blocking_the_queue_and_after_the_fix_a_redrive_processes_it_once()
    {
        var user = Guid.NewGuid();
        var firstEmail = UsersApi.UniqueEmail("dead.letter.first");
        var changedEmail = UsersApi.UniqueEmail("dead.letter.changed");
        var deadBefore = await DeadLettersAsync(DeadEmailChanges);

        // The poison: an email change of a user whose registration user-query has never seen. It fails every retry.
        await platform.SendAsync(EmailChanges, new UserEmailChanged(user, firstEmail, changedEmail, 2, DateTimeOffset.UtcNow));
        // Behind it, email changes of a real user go through while the poison is retried.
        var other = await users.RegisterNewAsync("Behind The Poison");
        using (var change = await users.ChangeEmailAsync(other, UsersApi.UniqueEmail("behind.the.poison"), "\"1\""))
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        await users.WaitForProfileAsync(other, TimeSpan.FromSeconds(5), profile => profile.GetProperty("version").GetInt64() == 2);

        // After its bounded retries (about nine seconds) the poison is in the error queue, listed with why.
        var dead = await Eventually.GetAsync(async () =>
        {
            var queue = await DeadLettersAsync(DeadEmailChanges);
            return (queue is { } q && q.GetProperty("messages").GetInt64() > (deadBefore?.GetProperty("messages").GetInt64() ?? 0), queue.GetValueOrDefault());
        }, TimeSpan.FromSeconds(30), "the poison in the error queue");
        Assert.Equal(EmailChanges, dead.GetProperty("source").GetString());
        Assert.Contains(dead.GetProperty("first").EnumerateArray(), letter =>
            letter.GetProperty("reason").GetString()?.Contains(user.ToString()) == true
            && letter.GetProperty("messageType").GetString() == "urn:message:Platform.Contracts.Users.V1:UserEmailChanged");

        // The cause is fixed: the registration reaches user-query.
        await platform.SendAsync(Registrations, new UserRegistered(user, "Late Registration", firstEmail, 1, DateTimeOffset.UtcNow.AddSeconds(-30)));
        await users.WaitForProfileAsync(user, TimeSpan.FromSeconds(10));
        var acknowledgedBefore = await SettledAcknowledgementsAsync(EmailChanges);

        using var redrive = await platform.Admin.PostAsync($"/api/admin/dead-letters/{DeadEmailChanges}/redrive", null);
        Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);
        var moved = (await redrive.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").GetInt64();

        // Processed: the change is in the read model. Once: the error queue is empty and stays so, and its queue
        // acknowledged exactly the messages the redrive moved.
        await users.WaitForProfileAsync(user, TimeSpan.FromSeconds(15), profile => profile.GetProperty("email").GetString() == changedEmail);
        var acknowledgedAfter = await Eventually.GetAsync(async () =>
        {
            var acknowledged = await SettledAcknowledgementsAsync(EmailChanges);
            return (acknowledged >= acknowledgedBefore + moved, acknowledged);
        }, TimeSpan.FromSeconds(30), "the broker's statistics to count the redriven messages");
        Assert.Equal(acknowledgedBefore + moved, acknowledgedAfter);
        await Task.Delay(TimeSpan.FromSeconds(10)); // longer than the retries: a message failing again would be back by now
        Assert.Equal(0, (await DeadLettersAsync(DeadEmailChanges))?.GetProperty("messages").GetInt64() ?? 0);
        output.WriteLine($"Figures: dead letters: a poison email change dead-lettered after its retries while the queue went on; " +
                         $"after the fix, {moved} redriven, acknowledged once ({acknowledgedBefore} -> {acknowledgedAfter}), none back");
    }

    [Fact]
    public async Task Redriving_a_queue_that_is_not_an_error_queue_is_a_404_problem()
    {
        using var response = await platform.Admin.PostAsync($"/api/admin/dead-letters/{EmailChanges}/redrive", null);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    private async Task<JsonElement?> DeadLettersAsync(string queue)
    {
        var queues = await platform.Admin.GetFromJsonAsync<JsonElement>("/api/admin/dead-letters");
        return queues.EnumerateArray().Where(q => q.GetProperty("queue").GetString() == queue).Select(q => (JsonElement?)q).FirstOrDefault();
    }

    /// <summary>
    /// How many messages the queue's consumers have acknowledged since it was declared, from RabbitMQ's management API,
    /// once the figure has stopped moving (the broker refreshes its statistics every five seconds).
    /// </summary>
    private Task<long> SettledAcknowledgementsAsync(string queue) =>
        Eventually.GetAsync(async () =>
        {
            var first = await AcknowledgementsAsync(queue);
            await Task.Delay(TimeSpan.FromSeconds(6));
            return (first == await AcknowledgementsAsync(queue), first);
        }, TimeSpan.FromSeconds(60), $"the acknowledgements of {queue} to settle");

    private async Task<long> AcknowledgementsAsync(string queue)
    {
        var stats = await RabbitMqManagementApi.GetAsync(platform, $"/api/queues/%2F/{queue}");
        return stats.TryGetProperty("message_stats", out var messages) && messages.TryGetProperty("ack", out var ack) ? ack.GetInt64() : 0;
    }
}
