using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Identity;

/// <summary>
/// The authorization matrix (issue 21, ADR 0037): every route of the API reference (docs/api.md), through the gateway,
/// called by anonymous, another user, the owner and an admin, each answered with the documented code. A refusal is
/// problem+json: 401 without a token, 403 for a signed-in caller without the right to act, 404 where another user's
/// data is not even there for them. The read side's answers differ in content, not in code: those are checked after.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuthorizationMatrixTests(PlatformFixture platform)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_route_answers_anonymous_another_user_the_owner_and_an_admin_as_documented()
    {
        var subjects = await Subjects.CreateAsync(platform);
        var routes = ApiRoutes.All(subjects);
        var failures = new List<string>();
        foreach (var route in routes)
        {
            foreach (var caller in Enum.GetValues<MatrixCaller>())
            {
                using var request = await route.Request(caller);
                using var response = await subjects.SendAsync(request, caller,
                    route.Streams ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead);
                var expected = route.Expect(caller);
                var body = route.Streams ? "(a stream)" : await response.Content.ReadAsStringAsync();
                if (response.StatusCode != expected)
                    failures.Add($"{route.Name} as {caller}: {(int)response.StatusCode}, not {(int)expected}: {body[..Math.Min(body.Length, 300)]}");
                else if ((int)expected >= 400 && route.Problems && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{route.Name} as {caller}: {(int)expected} as {response.Content.Headers.ContentType}, not problem+json");
                await route.Settle(caller);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {routes.Count * 4} answers were not the documented ones:\n{string.Join('\n', failures)}");
    }

    /// <summary>The read side: a profile for anyone without its email, whole for the user or an admin; emails searched by admins only; a user's mails theirs.</summary>
    [Fact]
    public async Task The_answers_show_a_users_email_and_mails_only_to_the_user_or_an_admin()
    {
        var tag = $"rs{Guid.NewGuid():N}"[..10];
        var subjects = await Subjects.CreateAsync(platform, tag);
        var (owner, email) = (subjects.Owner.Id, subjects.Owner.Email);

        foreach (var caller in Enum.GetValues<MatrixCaller>())
        {
            var profile = await subjects.GetStringAsync(caller, $"/api/users/{owner}");
            Assert.Equal(caller is MatrixCaller.Owner or MatrixCaller.Admin, profile.Contains(email, StringComparison.Ordinal));

            var byName = await subjects.GetStringAsync(caller, $"/api/users?search={tag}");
            Assert.Contains(owner.ToString(), byName);
            Assert.Equal(caller == MatrixCaller.Admin, byName.Contains(email, StringComparison.Ordinal));

            var byEmail = await subjects.GetStringAsync(caller, $"/api/users?search={Uri.EscapeDataString(email)}");
            Assert.Equal(caller == MatrixCaller.Admin, byEmail.Contains(owner.ToString(), StringComparison.Ordinal));

            if (caller == MatrixCaller.Anonymous)
                continue;
            var mails = JsonSerializer.Deserialize<JsonElement>(await subjects.GetStringAsync(caller, $"/api/emails?to={Uri.EscapeDataString(email)}"));
            Assert.Equal(caller is MatrixCaller.Owner or MatrixCaller.Admin, mails.GetArrayLength() > 0); // the welcome, at least
        }
    }
}

public enum MatrixCaller { Anonymous, Other, Owner, Admin }

/// <summary>One route of the API reference: how each caller asks, what each is answered, and what to wait for after a call.</summary>
public sealed record ApiRoute(
    string Name, Func<MatrixCaller, Task<HttpRequestMessage>> Request, Func<MatrixCaller, HttpStatusCode> Expect, bool Problems = true)
{
    public Func<MatrixCaller, Task> Settle { get; init; } = _ => Task.CompletedTask;

    /// <summary>An endless answer (server-sent events): only its status is read.</summary>
    public bool Streams { get; init; }
}

/// <summary>The people and things the matrix asks about: an owner with a draft and a submitted order, another user, an admin.</summary>
public sealed class Subjects
{
    private readonly PlatformFixture platform;

    private Subjects(PlatformFixture platform) => this.platform = platform;

    public (Guid Id, string Email, string Token) Owner { get; private set; }

    public (Guid Id, string Email, string Token) Other { get; private set; }

    /// <summary>The owner's draft with a book in it.</summary>
    public Guid Draft { get; private set; }

    /// <summary>The owner's order, submitted with the good card; its payment is recorded.</summary>
    public Guid Submitted { get; private set; }

    public OrdersApi Orders => new(platform.Admin);

    /// <summary>The gateway's address, which the pages' client redirects back to.</summary>
    public Uri Gateway => platform.Gateway.BaseAddress!;

    public static async Task<Subjects> CreateAsync(PlatformFixture platform, string tag = "")
    {
        var accounts = new Accounts(platform);
        var subjects = new Subjects(platform)
        {
            Owner = await accounts.SignedUpAsync($"Owner {tag}"),
            Other = await accounts.SignedUpAsync($"Other {tag}x"),
        };
        var users = new UsersApi(platform.Admin);
        await users.WaitForProfileAsync(subjects.Owner.Id, TimeSpan.FromSeconds(20));
        subjects.Draft = await subjects.DraftWithAsync("book");
        subjects.Submitted = await subjects.DraftWithAsync("book");
        await subjects.Orders.ConfirmAcceptedAsync(subjects.Submitted, OrdersApi.GoodCard);
        await Eventually.GetAsync(async () => (await subjects.Orders.PaymentAsync(subjects.Submitted) is not null, true),
            TimeSpan.FromSeconds(20), "the submitted order's payment");
        return subjects;
    }

    /// <summary>A new draft of the owner's, drafted by an admin, with one item.</summary>
    public async Task<Guid> DraftWithAsync(string product)
    {
        var order = await Eventually.GetAsync(async () =>
        {
            using var response = await platform.Admin.PostAsJsonAsync("/api/orders", new { userId = Owner.Id, currency = "EUR" });
            return (response.StatusCode == HttpStatusCode.Created,
                response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : Guid.Empty);
        }, TimeSpan.FromSeconds(20), $"the order context to know user {Owner.Id}");
        await Orders.AddAsync(order, product, 1, 3m);
        return order;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, MatrixCaller caller, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        if ((caller switch { MatrixCaller.Owner => Owner.Token, MatrixCaller.Other => Other.Token, _ => null }) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (caller == MatrixCaller.Admin ? platform.Admin : platform.Gateway).SendAsync(request, completion);
    }

    public async Task<string> GetStringAsync(MatrixCaller caller, string path)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), caller);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {caller}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Waits until no read-model rebuild runs, so that the next one starts (202) rather than meets it (409).</summary>
    public Task RebuildIdleAsync() => Eventually.HoldsAsync(async () =>
        (await new UsersApi(platform.Admin).GetJsonAsync("/api/admin/read-models/rebuild")).GetProperty("state").GetString() is not ("Replaying" or "Swapping"),
        TimeSpan.FromSeconds(60), "the read-model rebuild to finish");
}
