using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Users;

[Collection(PlatformCollection.Name)]
public sealed class SearchingUsersTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Admin); // searching on emails is an admin's; the rules have their own test below

    [Fact]
    public async Task Search_matches_names_and_emails_ignoring_case_and_pages_in_registration_order()
    {
        var tag = $"zq{Guid.NewGuid():N}"[..12];
        var byName = await users.RegisterNewAsync($"Margaret {tag} Hamilton");
        var byEmail = await users.RegisterNewAsync("Frances Allen", $"{tag}.allen@example.com");
        var third = await users.RegisterNewAsync($"Radia {tag} Perlman");
        await users.WaitForProfileAsync(third, TimeSpan.FromSeconds(5));
        await users.WaitForProfileAsync(byEmail, TimeSpan.FromSeconds(5));
        await users.WaitForProfileAsync(byName, TimeSpan.FromSeconds(5));

        var all = Ids(await users.GetJsonAsync($"/api/users?search={tag.ToUpperInvariant()}"));
        var secondPage = Ids(await users.GetJsonAsync($"/api/users?search={tag}&limit=1&offset=1"));

        Assert.Equal([byName, byEmail, third], all);
        Assert.Equal([byEmail], secondPage);
    }

    [Fact]
    public async Task Like_wildcards_in_the_search_text_match_only_themselves()
    {
        var tag = $"wc{Guid.NewGuid():N}"[..10];
        var literal = await users.RegisterNewAsync($"Percent {tag}%x");
        var other = await users.RegisterNewAsync($"Percent {tag}yx");
        await users.WaitForProfileAsync(literal, TimeSpan.FromSeconds(5));
        await users.WaitForProfileAsync(other, TimeSpan.FromSeconds(5));

        var found = Ids(await users.GetJsonAsync($"/api/users?search={Uri.EscapeDataString(tag + "%x")}"));

        Assert.Equal([literal], found);
    }

    [Fact]
    public async Task Following_the_next_links_pages_through_every_match_by_keyset()
    {
        var tag = $"ks{Guid.NewGuid():N}"[..12];
        var registered = new List<Guid>();
        for (var i = 0; i < 3; i++)
            registered.Add(await users.RegisterNewAsync($"Keyset {tag} {i}"));
        // Every one: two read-side instances project competing, so the last registered may be in before the first.
        foreach (var user in registered)
            await users.WaitForProfileAsync(user, TimeSpan.FromSeconds(5));

        var seen = new List<Guid>();
        string? next = $"/api/users?search={tag}&limit=2";
        while (next is not null)
        {
            using var response = await platform.Admin.GetAsync(next);
            response.EnsureSuccessStatusCode();
            seen.AddRange(Ids(await response.Content.ReadFromJsonAsync<JsonElement>()));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('<', '>')[1] : null;
        }

        Assert.Equal(registered, seen);
    }

    [Fact]
    public async Task A_cursor_that_no_page_gave_is_a_problem()
    {
        using var response = await platform.Gateway.GetAsync("/api/users?after=not-a-cursor");

        await ProblemAssert.IsProblemAsync(response, System.Net.HttpStatusCode.BadRequest);
    }

    private static Guid[] Ids(JsonElement list) => list.EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ToArray();
}
