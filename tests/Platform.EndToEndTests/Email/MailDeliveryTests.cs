using System.Net;
using System.Text.Json;
using Platform.Contracts.Users.V1;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Email;

/// <summary>Mails as the real SMTP server received them: read back from its Maildir, never from a fake sender.</summary>
[Collection(PlatformCollection.Name)]
public sealed class MailDeliveryTests(PlatformFixture platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2); // long enough for a second copy to arrive
    private readonly UsersApi users = new(platform.Admin); // a user's own routes answer the user or an admin (issue 21)

    [Fact]
    public async Task Registering_delivers_exactly_one_welcome_mail()
    {
        var email = UsersApi.UniqueEmail("grace");
        await users.RegisterNewAsync("Grace Hopper", email);

        var mail = Assert.Single(await platform.Mail.WaitForAsync(email, 1, Within));
        Assert.Equal("Welcome to Platform: activate your account", mail.Subject);
        Assert.Contains("Grace Hopper", mail.TextBody);
        await Task.Delay(Settle);
        Assert.Single(platform.Mail.To(email));

        var status = Assert.Single((await MailsToAsync(email)).EnumerateArray());
        Assert.Equal("Sent", status.GetProperty("state").GetString());
        Assert.Equal(1, status.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Changing_the_email_notifies_the_old_and_the_new_address()
    {
        var before = UsersApi.UniqueEmail("ada");
        var after = UsersApi.UniqueEmail("countess");
        var id = await users.RegisterNewAsync("Ada Lovelace", before);
        using (var change = await users.ChangeEmailAsync(id, after, "\"1\""))
            change.EnsureSuccessStatusCode();

        var toOld = await platform.Mail.WaitForAsync(before, 2, Within);
        var toNew = Assert.Single(await platform.Mail.WaitForAsync(after, 1, Within));

        Assert.Contains(toOld, mail => mail.Subject == "Your email address was changed" && (mail.TextBody ?? "").Contains(after));
        Assert.Equal("Your new email address", toNew.Subject);
        await Task.Delay(Settle);
        Assert.Equal(2, platform.Mail.To(before).Count);
        Assert.Single(platform.Mail.To(after));
    }

    [Fact]
    public async Task A_redelivered_registration_sends_no_second_mail()
    {
        var email = UsersApi.UniqueEmail("hedy");
        var id = await users.RegisterNewAsync("Hedy Lamarr", email);
        await platform.Mail.WaitForAsync(email, 1, Within);

        // The welcome's request again, as a redelivery would bring it (the link is what the outbox would derive; any link will do here).
        await platform.PublishAsync(new AccountActivationRequested(id, "Hedy Lamarr", email, $"http://localhost/activate?user={id}&code=0", DateTimeOffset.UtcNow, 1));

        await Eventually.HoldsAsync(async () =>
            (await platform.Telemetry.LogsAsync("email", id.ToString(), CancellationToken.None)).Contains("already settled"),
            Within, "the email service to log that the redelivered registration's mail was already sent");
        Assert.Single(platform.Mail.To(email));
    }

    [Fact]
    public async Task A_list_without_an_address_is_a_problem_not_an_error()
    {
        using var response = await platform.Admin.GetAsync("/api/emails");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> MailsToAsync(string email) =>
        await users.GetJsonAsync($"/api/emails?to={Uri.EscapeDataString(email)}");
}
