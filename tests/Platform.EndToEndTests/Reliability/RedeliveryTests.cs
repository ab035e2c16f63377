using System.Text.Json;
using Platform.Contracts.Users.V1;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Reliability;

/// <summary>The bus delivers at least once: a message that comes again must not change the read model again.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RedeliveryTests(PlatformFixture platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Fact]
    public async Task Redelivered_events_are_ignored_and_do_not_undo_later_changes()
    {
        var firstEmail = UsersApi.UniqueEmail("hedy");
        var id = await users.RegisterNewAsync("Hedy Lamarr", firstEmail);
        var secondEmail = UsersApi.UniqueEmail("lamarr");
        using (var change = await users.ChangeEmailAsync(id, secondEmail, "\"1\""))
            change.EnsureSuccessStatusCode();
        var before = await users.WaitForProfileAsync(id, Within, p => p.GetProperty("version").GetInt64() == 2);

        // Deliver both events again, exactly as the forwarder published them the first time.
        var log = await users.GetJsonAsync($"/api/users/{id}/events");
        await platform.PublishAsync(
            new UserRegistered(id, "Hedy Lamarr", firstEmail, 1, log[0].GetProperty("timestamp").GetDateTimeOffset()),
            new UserEmailChanged(id, firstEmail, secondEmail, 2, log[1].GetProperty("timestamp").GetDateTimeOffset()));

        // The consumers say so when they skip a message: wait until both have seen theirs.
        await Eventually.HoldsAsync(async () =>
        {
            // Either instance of the read side may have consumed each redelivery.
            var logs = await platform.Telemetry.LogsAsync("user-query", id.ToString(), CancellationToken.None)
                + await platform.Telemetry.LogsAsync("user-query-2", id.ToString(), CancellationToken.None);
            return logs.Contains($"Ignored redelivered registration of user {id}")
                && logs.Contains($"Ignored email change of user {id} at version 2");
        }, Within, "user-query to log that it ignored both redelivered events");

        var after = await users.WaitForProfileAsync(id, Within);
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal(secondEmail, after.GetProperty("email").GetString());
    }
}
