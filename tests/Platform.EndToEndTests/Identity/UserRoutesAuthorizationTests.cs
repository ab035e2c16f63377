using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Identity;

/// <summary>
/// A user's own routes on the write side, through the gateway, each called by anonymous, another user, the owner and an
/// admin (issue 21): the owner and an admin are answered; anonymous gets 401; another user is refused a change (403)
/// and finds no history (404, as for a user who does not exist). Every refusal is problem+json.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class UserRoutesAuthorizationTests(PlatformFixture platform)
{
    private enum Caller { Anonymous, Other, Owner, Admin }

    [Fact]
    public async Task The_owner_and_an_admin_are_answered_anonymous_gets_401_and_another_user_403_or_404()
    {
        var accounts = new Accounts(platform);
        var (owner, _, ownerToken) = await accounts.SignedUpAsync("Route Owner");
        var (_, _, otherToken) = await accounts.SignedUpAsync("Route Other");
        string? TokenOf(Caller caller) => caller switch
        {
            Caller.Owner => ownerToken,
            Caller.Other => otherToken,
            _ => null,
        };

        (HttpMethod Method, string Path, Func<object?> Body, HttpStatusCode OtherGets)[] routes =
        [
            (HttpMethod.Get, $"/api/users/{owner}/events", () => null, HttpStatusCode.NotFound),
            (HttpMethod.Get, $"/api/users/{owner}/as-of?version=1", () => null, HttpStatusCode.NotFound),
            (HttpMethod.Get, $"/api/users/{owner}/changes", () => null, HttpStatusCode.NotFound),
            (HttpMethod.Put, $"/api/users/{owner}/email", () => new { email = UsersApi.UniqueEmail("moved") }, HttpStatusCode.Forbidden),
        ];

        var seen = new List<string>();
        foreach (var (method, path, body, otherGets) in routes)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                using var request = new HttpRequestMessage(method, path);
                if (body() is { } content)
                    request.Content = JsonContent.Create(content);
                var client = caller == Caller.Admin ? platform.Admin : platform.Gateway;
                if (TokenOf(caller) is { } token)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request);

                var expected = caller switch
                {
                    Caller.Anonymous => HttpStatusCode.Unauthorized,
                    Caller.Other => otherGets,
                    _ => HttpStatusCode.OK,
                };
                seen.Add($"{method} {path} as {caller}: {(int)response.StatusCode}");
                Assert.True(response.StatusCode == expected, $"{method} {path} as {caller}: {(int)response.StatusCode}, not {(int)expected}: {await response.Content.ReadAsStringAsync()}");
                if (expected != HttpStatusCode.OK)
                    await ProblemAssert.IsProblemAsync(response, expected);
            }
        }
        Assert.Equal(routes.Length * 4, seen.Count);
    }

    /// <summary>The read side: a profile for anyone without its email, whole for the user or an admin; statistics theirs; emails searched by admins only.</summary>
    [Fact]
    public async Task The_read_side_shows_emails_only_to_the_user_or_an_admin_and_statistics_only_to_them()
    {
        var accounts = new Accounts(platform);
        var tag = $"rs{Guid.NewGuid():N}"[..10];
        var (owner, email, ownerToken) = await accounts.SignedUpAsync($"Reader {tag}");
        var (_, _, otherToken) = await accounts.SignedUpAsync($"Watcher {tag}x");
        await new UsersApi(platform.Admin).WaitForProfileAsync(owner, TimeSpan.FromSeconds(10));

        async Task<(HttpStatusCode Status, string Body)> AsAsync(Caller caller, string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if ((caller == Caller.Owner ? ownerToken : caller == Caller.Other ? otherToken : null) is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await (caller == Caller.Admin ? platform.Admin : platform.Gateway).SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        foreach (var caller in Enum.GetValues<Caller>())
        {
            var (status, profile) = await AsAsync(caller, $"/api/users/{owner}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(caller is Caller.Owner or Caller.Admin, profile.Contains(email, StringComparison.Ordinal));

            var (statsStatus, _) = await AsAsync(caller, $"/api/users/{owner}/stats");
            Assert.Equal(caller switch { Caller.Anonymous => HttpStatusCode.Unauthorized, Caller.Other => HttpStatusCode.NotFound, _ => HttpStatusCode.OK },
                statsStatus);

            var (_, byName) = await AsAsync(caller, $"/api/users?search={tag}");
            Assert.Contains(owner.ToString(), byName);
            Assert.Equal(caller == Caller.Admin, byName.Contains(email, StringComparison.Ordinal));

            var (_, byEmail) = await AsAsync(caller, $"/api/users?search={Uri.EscapeDataString(email)}");
            Assert.Equal(caller == Caller.Admin, byEmail.Contains(owner.ToString(), StringComparison.Ordinal));
        }
    }
}
