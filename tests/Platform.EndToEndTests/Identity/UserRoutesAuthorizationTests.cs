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
}
