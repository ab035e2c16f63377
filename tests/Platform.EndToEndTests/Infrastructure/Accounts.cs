using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// Accounts as a person makes one: register, open the activation link from the welcome mail (read from the SMTP
/// server's Maildir), choose a password, then sign in with the password grant of the <c>platform-cli</c> client.
/// </summary>
public sealed partial class Accounts(IPlatformShape platform)
{
    public const string Client = "platform-cli";
    private static readonly TimeSpan MailWithin = TimeSpan.FromSeconds(20);

    /// <summary>The activation link the welcome mail to <paramref name="email"/> carries.</summary>
    public async Task<Uri> ActivationLinkAsync(string email)
    {
        var welcome = (await platform.Mail.WaitForAsync(email, 1, MailWithin))[0];
        var link = Link().Match(welcome.TextBody ?? "");
        Assert.True(link.Success, $"no activation link in the welcome mail: {welcome.TextBody}");
        return new Uri(link.Value);
    }

    /// <summary>Posts the link's code with a password, as the /activate page does.</summary>
    public async Task<HttpResponseMessage> ActivateAsync(Uri link, string password)
    {
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        return await platform.Gateway.PostAsJsonAsync($"/api/users/{query["user"]}/activate", new { code = query["code"], password });
    }

    /// <summary>The token endpoint's answer to the password grant.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> SignInAsync(string email, string password, string scope = "platform offline_access")
    {
        using var response = await platform.Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = Client, ["username"] = email, ["password"] = password, ["scope"] = scope,
        }));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>A new user, registered, activated through the mailed link and signed in: its id, email and access token.</summary>
    public async Task<(Guid UserId, string Email, string AccessToken)> SignedUpAsync(string name, string password = "a user's password")
    {
        var email = UsersApi.UniqueEmail(name.Split(' ')[0].ToLowerInvariant());
        var userId = await new UsersApi(platform.Gateway).RegisterNewAsync(name, email);
        using (var activated = await ActivateAsync(await ActivationLinkAsync(email), password))
            Assert.Equal(HttpStatusCode.NoContent, activated.StatusCode);
        var (status, tokens) = await SignInAsync(email, password);
        Assert.True(status == HttpStatusCode.OK, tokens.ToString());
        return (userId, email, tokens.GetProperty("access_token").GetString()!);
    }

    /// <summary>A request through the gateway as the signed-in holder of <paramref name="token"/>.</summary>
    public Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return platform.Gateway.SendAsync(request);
    }

    [GeneratedRegex(@"https?://\S+/activate\?user=[0-9a-f-]+&code=[0-9a-f]+")]
    private static partial Regex Link();
}
