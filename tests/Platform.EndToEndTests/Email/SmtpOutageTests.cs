using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Email;

/// <summary>The SMTP server goes away: mails wait and retry, with backoff, and each arrives once when it is back.</summary>
[Collection(PlatformCollection.Name)]
public sealed class SmtpOutageTests(PlatformFixture platform)
{
    private const string Smtp = "mail";
    private readonly UsersApi users = new(platform.Admin);

    [Fact]
    public async Task Mails_sent_while_the_smtp_server_is_stopped_retry_and_each_arrives_once_it_is_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await platform.Resources.StopAsync(Smtp, timeout.Token);

        var emails = Enumerable.Range(0, 3).Select(i => UsersApi.UniqueEmail($"outage{i}")).ToList();
        try
        {
            foreach (var email in emails)
                await users.RegisterNewAsync("Waiting Mail", email);
            foreach (var email in emails)
                await Eventually.HoldsAsync(async () => await StateAsync(email) is { } state && state.GetProperty("state").GetString() == "Retrying",
                    TimeSpan.FromSeconds(20), $"the welcome mail to {email} to be retrying");
            Assert.All(emails, email => Assert.Empty(platform.Mail.To(email)));
        }
        finally
        {
            await platform.Resources.StartAsync(Smtp, timeout.Token);
        }

        foreach (var email in emails)
        {
            Assert.Single(await platform.Mail.WaitForAsync(email, 1, TimeSpan.FromSeconds(60)));
            await Eventually.HoldsAsync(async () => (await StateAsync(email))?.GetProperty("state").GetString() == "Sent",
                TimeSpan.FromSeconds(10), $"the mail to {email} to be recorded as sent");
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.All(emails, email => Assert.Single(platform.Mail.To(email)));
    }

    private async Task<JsonElement?> StateAsync(string email)
    {
        var mails = await users.GetJsonAsync($"/api/emails?to={Uri.EscapeDataString(email)}");
        return mails.GetArrayLength() == 1 ? mails[0] : null;
    }
}
