using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Identity;

/// <summary>
/// A user's own email change takes effect only once confirmed (issue 21, point 1): the request is accepted (202) and
/// changes nothing yet; the code arrives at the new address (read from the Maildir); a wrong code is 422; the right
/// one moves the account, so the read side shows the new address, the old one is told, and sign-in takes the new one;
/// the code works once. The mail log never keeps the code.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class EmailChangeConfirmationTests(PlatformFixture platform)
{
    private const string Password = "a user's password";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_users_new_address_takes_effect_only_with_the_code_mailed_to_it()
    {
        var accounts = new Accounts(platform);
        var (userId, oldEmail, token) = await accounts.SignedUpAsync("Mover", Password);
        var newEmail = UsersApi.UniqueEmail("moved");

        using (var requested = await accounts.SendAsync(token, HttpMethod.Put, $"/api/users/{userId}/email", new { email = newEmail }))
        {
            Assert.True(requested.StatusCode == HttpStatusCode.Accepted, await requested.Content.ReadAsStringAsync());
            Assert.Equal("\"2\"", requested.Headers.ETag?.Tag);
        }
        var mail = (await platform.Mail.WaitForAsync(newEmail, 1, Within))[0];
        var code = Code().Match(mail.TextBody ?? "");
        Assert.True(code.Success, $"no code in the mail: {mail.TextBody}");

        // Nothing moved yet: the account still answers to the old address.
        var profile = await new UsersApi(platform.Admin).WaitForProfileAsync(userId, Within);
        Assert.Equal(oldEmail, profile.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await accounts.SignInAsync(oldEmail, Password)).Status);

        using (var wrong = await accounts.SendAsync(token, HttpMethod.Post, $"/api/users/{userId}/email/confirm", new { code = new string('0', 32) }))
            await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.UnprocessableEntity);
        using (var confirmed = await accounts.SendAsync(token, HttpMethod.Post, $"/api/users/{userId}/email/confirm", new { code = code.Groups[1].Value }))
        {
            Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
            Assert.Equal("\"3\"", confirmed.Headers.ETag?.Tag);
        }
        using (var again = await accounts.SendAsync(token, HttpMethod.Post, $"/api/users/{userId}/email/confirm", new { code = code.Groups[1].Value }))
            await ProblemAssert.IsProblemAsync(again, HttpStatusCode.UnprocessableEntity);

        await new UsersApi(platform.Admin).WaitForProfileAsync(userId, Within, read => read.GetProperty("email").GetString() == newEmail);
        Assert.Single(await platform.Mail.WaitForAsync(oldEmail, 2, Within), message => message.Subject == "Your email address was changed");
        Assert.Equal(HttpStatusCode.OK, (await accounts.SignInAsync(newEmail, Password)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await accounts.SignInAsync(oldEmail, Password)).Status);

        var logged = await new UsersApi(platform.Admin).GetJsonAsync($"/api/emails?to={Uri.EscapeDataString(newEmail)}");
        Assert.DoesNotContain(code.Groups[1].Value, logged.ToString());
    }

    [Fact]
    public async Task Another_user_cannot_confirm_and_an_admins_change_takes_effect_at_once()
    {
        var accounts = new Accounts(platform);
        var (userId, _, _) = await accounts.SignedUpAsync("Supported", Password);
        var (_, _, otherToken) = await accounts.SignedUpAsync("Intruder", Password);

        using (var intruding = await accounts.SendAsync(otherToken, HttpMethod.Post, $"/api/users/{userId}/email/confirm", new { code = new string('0', 32) }))
            await ProblemAssert.IsProblemAsync(intruding, HttpStatusCode.Forbidden);

        var supportEmail = UsersApi.UniqueEmail("support");
        using var changed = await platform.Admin.PutAsJsonAsync($"/api/users/{userId}/email", new { email = supportEmail });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await new UsersApi(platform.Admin).WaitForProfileAsync(userId, Within, read => read.GetProperty("email").GetString() == supportEmail);
    }

    [GeneratedRegex(@"^\s+([0-9a-f]{32})\s*$", RegexOptions.Multiline)]
    private static partial Regex Code();
}
