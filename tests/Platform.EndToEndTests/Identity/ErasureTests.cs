using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Identity;

/// <summary>
/// A user is forgotten (issue 21, point 5; ADR 0038): after registrations, an email change, a pending one, and orders
/// confirmed and cancelled (with their mails), the user erases themself. Their name and every address they had are
/// then in no database's dump, no answer, no dead letter and nowhere in the analytics log; the address is free for a new registration; the registrations per day
/// and analytics' counts stay as they were, and one user fewer exists. Each search is first shown to find what it
/// should (the user's id is still in the dumps), so "not found" means "not there".
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ErasureTests(PlatformFixture platform)
{
    private const string Password = "a user's password";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_erased_user_leaves_no_name_or_address_in_any_dump_or_answer_and_the_counts_stay_right()
    {
        var accounts = new Accounts(platform);
        var users = new UsersApi(platform.Admin);
        var orders = new OrdersApi(platform.Admin);
        var analytics = new AnalyticsApi(platform.Gateway);
        var name = $"Erasable {Guid.NewGuid():N}"[..24];
        var (userId, firstEmail, token) = await accounts.SignedUpAsync(name, Password);

        // Two more addresses: one in force (an admin's change), one asked for and left pending.
        var secondEmail = UsersApi.UniqueEmail("erasable.second");
        using (var changed = await users.ChangeEmailAsync(userId, secondEmail))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var pendingEmail = UsersApi.UniqueEmail("erasable.pending");
        using (var requested = await accounts.SendAsync(token, HttpMethod.Put, $"/api/users/{userId}/email", new { email = pendingEmail }))
            Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        await users.WaitForProfileAsync(userId, Within, profile => profile.GetProperty("email").GetString() == secondEmail);

        // Orders, one confirmed and one cancelled, each mailed to the customer.
        var confirmed = await orders.DraftAsync(userId);
        await orders.AddAsync(confirmed, "pen", 1, 3m);
        await orders.ConfirmAcceptedAsync(confirmed, OrdersApi.GoodCard);
        var cancelled = await orders.DraftAsync(userId);
        await orders.AddAsync(cancelled, "pen", 1, 3m);
        await orders.ConfirmAcceptedAsync(cancelled, OrdersApi.DecliningCard);
        foreach (var order in new[] { confirmed, cancelled })
            await orders.WaitForEndAsync(order, Within, steps: 4);
        await platform.Mail.WaitForAsync(secondEmail, 3, Within); // the new address's notice and both orders' mails
        await platform.Mail.WaitForAsync(pendingEmail, 1, Within); // the code for the change left pending
        string[] personal = [name, firstEmail, secondEmail, pendingEmail];

        // Two dead letters, as MassTransit leaves them: one about the user, one about someone else.
        await using var broker = await new RabbitMQ.Client.ConnectionFactory { Uri = new Uri((await platform.App.GetConnectionStringAsync("messaging"))!) }
            .CreateConnectionAsync();
        await using var deadLetters = await broker.CreateChannelAsync();
        await deadLetters.QueueDeclareAsync(DeadLetterQueue, durable: true, exclusive: false, autoDelete: false);
        var someoneElse = Guid.NewGuid();
        foreach (var (about, email) in new[] { (userId, secondEmail), (someoneElse, "someone.else@example.com") })
            await deadLetters.BasicPublishAsync("", DeadLetterQueue, mandatory: true, new RabbitMQ.Client.BasicProperties(), System.Text.Encoding.UTF8.GetBytes(
                JsonSerializer.Serialize(new { message = new { userId = about, name, email }, messageType = new[] { "urn:message:Platform.Contracts.Users.V1:UserRegistered" } })));
        var before = await DumpsAsync();
        Assert.Contains(before, dump => dump.Value.Contains(name, StringComparison.Ordinal)); // the search finds what is there

        var statistics = await StatisticsAsync();
        var registered = await analytics.SettledRegistrationsAsync();

        using (var erased = await accounts.SendAsync(token, HttpMethod.Delete, $"/api/users/{userId}"))
            Assert.True(erased.StatusCode == HttpStatusCode.NoContent, await erased.Content.ReadAsStringAsync());

        // No answer holds them: the profile and the search find nothing, the history is masked, the mails are forgotten.
        await Eventually.HoldsAsync(async () => (await platform.Admin.GetAsync($"/api/users/{userId}")).StatusCode == HttpStatusCode.NotFound,
            Within, "the erased profile to be gone from the read side");
        var answers = new List<string>
        {
            await users.GetJsonAsync($"/api/users?search={Uri.EscapeDataString(name)}") is var found && found.GetArrayLength() == 0 ? "" : found.ToString(),
            (await users.GetJsonAsync($"/api/users/{userId}/events")).ToString(),
            (await users.GetJsonAsync($"/api/users/{userId}/as-of?version=1")).ToString(),
            (await orders.GetAsync(confirmed)).ToString(),
            (await orders.GetAsync(cancelled)).ToString(),
        };
        foreach (var address in personal.Skip(1))
            answers.Add(await Eventually.GetAsync(async () =>
            {
                var mails = await users.GetJsonAsync($"/api/emails?to={Uri.EscapeDataString(address)}");
                return (mails.GetArrayLength() == 0, mails.ToString());
            }, Within, $"the mail log to forget the mails to {address}"));
        Assert.Contains("(erased)", answers[1]);
        Assert.All(answers, answer => Assert.DoesNotContain(personal, answer.Contains));

        // Nor does any database: the snapshot follows the erasure asynchronously, the other contexts by their consumers.
        var leftovers = await Eventually.GetAsync(async () =>
        {
            var kept = (await DumpsAsync()).SelectMany(dump => personal.Where(dump.Value.Contains).Select(data => $"{data} in {dump.Key}")).ToList();
            return (kept.Count == 0, kept);
        }, Within, "no dump to hold the erased user's name or addresses");
        Assert.Empty(leftovers);
        // The dead letters keep the other user's message only.
        var left = await Eventually.GetAsync(async () =>
        {
            var messages = await RabbitMqManagementApi.PeekAsync(platform, DeadLetterQueue, 10);
            return (messages.Count == 1, messages);
        }, Within, "the dead letters to drop the message about the erased user");
        Assert.Contains(someoneElse.ToString(), left[0]);
        await deadLetters.QueueDeleteAsync(DeadLetterQueue, ifUnused: false, ifEmpty: false);

        // The analytics log cannot forget a record, so it never held one that names them: ids only.
        var log = await RabbitMqStream.ReadAllAsync(platform, "analytics-facts", idle: TimeSpan.FromSeconds(2));
        Assert.Contains(log, record => record.Contains(userId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(log, record => personal.Any(record.Contains));
        var after = await DumpsAsync();
        Assert.Contains(DatabaseDumps.UserShards, shard => after[shard].Contains(userId.ToString(), StringComparison.Ordinal)); // the stream, masked
        Assert.Contains(userId.ToString(), after["order-db"]);

        // The counts: the registration still happened that day, one user fewer exists, analytics counts the same.
        await Eventually.HoldsAsync(async () => (await StatisticsAsync()) == (statistics.Total - 1, statistics.Today),
            Within, $"the statistics to count one user fewer and the same registrations today ({statistics})");
        Assert.Equal(registered, await analytics.SettledRegistrationsAsync());

        // The account is gone, the address free, and erasing again is no error.
        Assert.Equal(HttpStatusCode.BadRequest, (await accounts.SignInAsync(secondEmail, Password)).Status);
        using (var again = await platform.Admin.DeleteAsync($"/api/users/{userId}"))
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        using (var unknown = await platform.Admin.DeleteAsync($"/api/users/{Guid.NewGuid()}"))
            await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound);
        using (var reused = await new UsersApi(platform.Gateway).RegisterAsync("Someone Else", secondEmail))
            Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    /// <summary>A dead-letter queue of the test's own (MassTransit's suffix makes it one), deleted at the end.</summary>
    private const string DeadLetterQueue = "erasure-probe_error";

    private async Task<Dictionary<string, string>> DumpsAsync() => await DatabaseDumps.AllAsync(platform);

    private async Task<(long Total, long Today)> StatisticsAsync()
    {
        var statistics = await new UsersApi(platform.Admin).GetJsonAsync("/api/users/stats?days=1");
        var today = statistics.GetProperty("registrationsPerDay").EnumerateArray().Select(day => day.GetProperty("registrations").GetInt64()).FirstOrDefault();
        return (statistics.GetProperty("totalUsers").GetInt64(), today);
    }
}
