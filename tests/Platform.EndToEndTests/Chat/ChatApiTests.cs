using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Chat;

/// <summary>
/// The chat's HTTP API (issue 24, ADR 0050) through the gateway, on its two instances: rooms and their members, a
/// message posted once however often its client resends it (on either instance), the rules' refusals as problem+json,
/// and history by version, both ways.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChatApiTests(PlatformFixture platform) : IAsyncLifetime
{
    private ChatUser ada = null!, bob = null!;

    public async Task InitializeAsync() => (ada, bob) = await ChatUser.TwoAsync(platform, "Ada Chat", "Bob Chat");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Only_members_read_and_post_and_a_resend_on_either_instance_is_posted_once()
    {
        var room = await ada.Chat.OpenedRoomAsync("general");
        await Refused(await bob.Chat.GetRoomAsync(room), HttpStatusCode.Forbidden, "members-only");
        await Refused(await bob.Chat.PostAsync(room, Guid.NewGuid(), "let me in"), HttpStatusCode.Forbidden, "members-only");
        await Refused(await bob.Chat.HistoryAsync(room), HttpStatusCode.Forbidden, "members-only");

        using (var joined = await bob.Chat.JoinAsync(room))
            Assert.Equal(2, (await joined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
        var message = Guid.NewGuid();
        long version;
        using (var posted = await bob.Chat.PostAsync(room, message, "hello, Ada"))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            version = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
            Assert.Equal(3, version);
        }
        // The client did not hear the answer and sends again, to each instance in turn: the same message, once.
        foreach (var instance in new[] { "chat", "chat-2" })
        {
            using var server = new HttpClient { BaseAddress = platform.App.GetEndpoint(instance, "http") };
            using var resent = await new ChatApi(server, bob.Token).PostAsync(room, message, "hello, Ada");
            Assert.True(resent.StatusCode == HttpStatusCode.OK, $"{instance}: {(int)resent.StatusCode} {await resent.Content.ReadAsStringAsync()}");
            Assert.Equal(version, (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64());
        }
        await Refused(await bob.Chat.PostAsync(room, message, "something else"), HttpStatusCode.UnprocessableEntity, "message-id-is-unique");

        var history = await ada.Chat.HistoryJsonAsync(room);
        var only = Assert.Single(history.GetProperty("messages").EnumerateArray());
        Assert.Equal(message, only.GetProperty("id").GetGuid());
        Assert.Equal(version, only.GetProperty("version").GetInt64());
        Assert.Equal(bob.Id, only.GetProperty("authorId").GetGuid());
        Assert.Equal("hello, Ada", only.GetProperty("text").GetString());
        Assert.Equal(version, history.GetProperty("roomVersion").GetInt64());

        using (var left = await bob.Chat.LeaveAsync(room))
            Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        await Refused(await bob.Chat.PostAsync(room, Guid.NewGuid(), "still here?"), HttpStatusCode.Forbidden, "members-only");
    }

    [Fact]
    public async Task Bad_messages_are_refused_with_their_rule_and_nothing_is_posted()
    {
        var room = await ada.Chat.OpenedRoomAsync("limits");
        await Refused(await ada.Chat.PostAsync(room, Guid.NewGuid(), new string('x', 4_001)), HttpStatusCode.UnprocessableEntity, "text-within-limit");
        await Refused(await ada.Chat.PostAsync(room, Guid.NewGuid(), "   "), HttpStatusCode.UnprocessableEntity, "text-is-not-empty");
        using (var noId = await ada.Chat.SendRawAsync(room, new { text = "no id" }))
            await ProblemAssert.IsProblemAsync(noId, HttpStatusCode.BadRequest);
        await Refused(await ada.Chat.OpenRoomAsync(""), HttpStatusCode.UnprocessableEntity, "room-is-named");
        using (var nowhere = await ada.Chat.PostAsync(Guid.NewGuid(), Guid.NewGuid(), "to nowhere"))
            await ProblemAssert.IsProblemAsync(nowhere, HttpStatusCode.NotFound);
        using (var anonymous = await platform.Gateway.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { id = Guid.NewGuid(), text = "who?" }))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        Assert.Empty((await ada.Chat.HistoryJsonAsync(room)).GetProperty("messages").EnumerateArray());
        using var atLimit = await ada.Chat.PostAsync(room, Guid.NewGuid(), new string('x', 4_000));
        Assert.Equal(HttpStatusCode.Created, atLimit.StatusCode);
    }

    [Fact]
    public async Task One_id_posted_to_two_rooms_at_once_is_one_message_and_the_other_is_refused()
    {
        var (first, second) = (await ada.Chat.OpenedRoomAsync("race one"), await ada.Chat.OpenedRoomAsync("race two"));
        for (var round = 0; round < 5; round++)
        {
            var message = Guid.NewGuid();
            var answers = await Task.WhenAll(ada.Chat.PostAsync(first, message, "same id"), ada.Chat.PostAsync(second, message, "same id"));
            var statuses = answers.Select(answer => answer.StatusCode).Order().ToArray();
            Assert.True(statuses is [HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity],
                $"round {round}: {string.Join(", ", statuses.Select(status => (int)status))}: {string.Join(" | ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())))}");
            await Refused(answers.Single(answer => answer.StatusCode == HttpStatusCode.UnprocessableEntity), HttpStatusCode.UnprocessableEntity, "message-id-is-unique");
            answers.Single(answer => answer.StatusCode == HttpStatusCode.Created).Dispose();
        }
    }

    [Fact]
    public async Task Only_the_author_edits_or_deletes_and_a_deleted_message_keeps_its_place()
    {
        var room = await ada.Chat.OpenedRoomAsync("edits");
        using (await bob.Chat.JoinAsync(room)) { }
        var message = Guid.NewGuid();
        using (await bob.Chat.PostAsync(room, message, "helo")) { }

        await Refused(await ada.Chat.EditAsync(room, message, "hijacked"), HttpStatusCode.Forbidden, "own-messages-only");
        using (var edited = await bob.Chat.EditAsync(room, message, "hello"))
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var shown = Assert.Single((await ada.Chat.HistoryJsonAsync(room)).GetProperty("messages").EnumerateArray());
        Assert.Equal("hello", shown.GetProperty("text").GetString());
        Assert.NotEqual(JsonValueKind.Null, shown.GetProperty("editedAt").ValueKind);

        using (var deleted = await bob.Chat.DeleteAsync(room, message))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var gone = Assert.Single((await ada.Chat.HistoryJsonAsync(room)).GetProperty("messages").EnumerateArray());
        Assert.True(gone.GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("text").ValueKind);
        Assert.Equal(3, gone.GetProperty("version").GetInt64());
        await Refused(await bob.Chat.EditAsync(room, message, "back"), HttpStatusCode.UnprocessableEntity, "deleted-messages-stay-deleted");
    }

    [Fact]
    public async Task History_pages_back_by_version_and_catches_up_after_one_with_no_gap_and_no_double()
    {
        var room = await ada.Chat.OpenedRoomAsync("history");
        var versions = new List<long>();
        for (var i = 0; i < 7; i++)
            versions.Add(await ada.Chat.PostedAsync(room, $"message {i}"));
        Assert.Equal(Enumerable.Range(2, 7).Select(v => (long)v), versions); // after the room's opening, one version each

        var back = new List<long>();
        long? before = null;
        do
        {
            var page = await ada.Chat.HistoryJsonAsync(room, before is null ? "?limit=3" : $"?limit=3&before={before}");
            back.AddRange(page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("version").GetInt64()));
            before = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }
        while (before is not null);
        Assert.Equal(versions.AsEnumerable().Reverse(), back);

        var missed = await ada.Chat.HistoryJsonAsync(room, $"?after={versions[3]}");
        Assert.Equal(versions[4..], missed.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("version").GetInt64()));
        using var both = await ada.Chat.HistoryAsync(room, "?after=1&before=5");
        await ProblemAssert.IsProblemAsync(both, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Two_users_have_one_direct_conversation_whoever_opens_it()
    {
        using var opened = await ada.Chat.OpenDirectAsync(bob.Id);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var room = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var again = await bob.Chat.OpenDirectAsync(ada.Id);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(room, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        Assert.Equal(2, await bob.Chat.PostedAsync(room, "hi"));
        var view = await (await ada.Chat.GetRoomAsync(room)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("direct", view.GetProperty("kind").GetString());
        Assert.Equal(new[] { ada.Id, bob.Id }.Order(), view.GetProperty("members").EnumerateArray().Select(m => m.GetGuid()));
        await Refused(await ada.Chat.LeaveAsync(room), HttpStatusCode.UnprocessableEntity, "direct-conversations-keep-their-two");
        await Refused(await ada.Chat.OpenDirectAsync(ada.Id), HttpStatusCode.UnprocessableEntity, "not-with-oneself");
    }

    [Fact]
    public async Task A_member_searches_a_room_by_its_words_with_stemming_and_deleted_messages_never_match()
    {
        var room = await ada.Chat.OpenedRoomAsync("search");
        await ada.Chat.PostedAsync(room, "The deployment is running late");
        await ada.Chat.PostedAsync(room, "Lunch at noon?");
        var deployed = await ada.Chat.PostedAsync(room, "We deployed the new gateway");
        var secret = Guid.NewGuid();
        (await ada.Chat.PostAsync(room, secret, "a deployed secret")).Dispose();
        (await ada.Chat.DeleteAsync(room, secret)).Dispose();

        var found = await ada.Chat.SearchJsonAsync(room, "deploy");
        Assert.Equal(["We deployed the new gateway", "The deployment is running late"], found.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(deployed, found[0].GetProperty("version").GetInt64());
        Assert.Equal(["We deployed the new gateway"], (await ada.Chat.SearchJsonAsync(room, "deploy -late")).EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Empty((await ada.Chat.SearchJsonAsync(room, "\"gateway deployed\"")).EnumerateArray());

        await Refused(await ada.Chat.SearchAsync(room, "   "), HttpStatusCode.UnprocessableEntity, "search-is-worded");
        await Refused(await bob.Chat.SearchAsync(room, "deploy"), HttpStatusCode.Forbidden, "members-only");
    }

    [Fact]
    public async Task A_users_rooms_list_each_with_its_unread_messages_until_read()
    {
        var (general, quiet) = (await ada.Chat.OpenedRoomAsync("unread"), await ada.Chat.OpenedRoomAsync("quiet"));
        (await bob.Chat.JoinAsync(general)).Dispose();
        await ada.Chat.PostedAsync(general, "mine: never unread to me");
        var last = 0L;
        for (var i = 1; i <= 3; i++)
            last = await bob.Chat.PostedAsync(general, $"from bob {i}");

        var rooms = await ada.Chat.RoomsJsonAsync();
        Assert.Equal(3, Unread(rooms, general));
        Assert.Equal(0, Unread(rooms, quiet));
        Assert.DoesNotContain(quiet, (await bob.Chat.RoomsJsonAsync()).EnumerateArray().Select(room => room.GetProperty("id").GetGuid())); // not his

        (await ada.Chat.ReportPositionAsync(general, last, last - 1)).Dispose();
        Assert.Equal(1, Unread(await ada.Chat.RoomsJsonAsync(), general));
        (await ada.Chat.ReportPositionAsync(general, last, last)).Dispose();
        Assert.Equal(0, Unread(await ada.Chat.RoomsJsonAsync(), general));

        static int Unread(JsonElement rooms, Guid room) =>
            rooms.EnumerateArray().Single(summary => summary.GetProperty("id").GetGuid() == room).GetProperty("unread").GetInt32();
    }

    [Fact]
    public async Task Receipts_are_each_members_positions_and_the_sender_sees_who_has_and_who_read_each_message()
    {
        var room = await ada.Chat.OpenedRoomAsync("receipts");
        using (await bob.Chat.JoinAsync(room)) { }
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        using (await ada.Chat.PostAsync(room, first, "one")) { }
        using (await ada.Chat.PostAsync(room, second, "two")) { }

        using (var reported = await bob.Chat.ReportPositionAsync(room, delivered: 4, read: 3))
        {
            var position = await reported.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((4, 3), (position.GetProperty("delivered").GetInt64(), position.GetProperty("read").GetInt64()));
        }
        using (var behind = await bob.Chat.ReportPositionAsync(room, delivered: 2, read: 2)) // a late report from another of Bob's clients
        {
            var position = await behind.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((4, 3), (position.GetProperty("delivered").GetInt64(), position.GetProperty("read").GetInt64()));
        }
        await Refused(await bob.Chat.ReportPositionAsync(room, delivered: 99, read: 0), HttpStatusCode.UnprocessableEntity, "position-within-room");

        var ofFirst = await Json(await ada.Chat.ReceiptsAsync(room, first));
        Assert.Equal([bob.Id], ofFirst.GetProperty("deliveredTo").EnumerateArray().Select(user => user.GetGuid()));
        Assert.Equal([bob.Id], ofFirst.GetProperty("readBy").EnumerateArray().Select(user => user.GetGuid()));
        var ofSecond = await Json(await ada.Chat.ReceiptsAsync(room, second));
        Assert.Equal(4, ofSecond.GetProperty("version").GetInt64());
        Assert.Equal([bob.Id], ofSecond.GetProperty("deliveredTo").EnumerateArray().Select(user => user.GetGuid()));
        Assert.Empty(ofSecond.GetProperty("readBy").EnumerateArray());
    }

    [Fact]
    public async Task A_user_posting_faster_than_the_allowance_is_told_when_to_try_again_and_what_was_refused_is_not_posted()
    {
        var rooms = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => ada.Chat.OpenedRoomAsync($"burst {i}")));
        // One sequence of posts per room (no two racing for a room's version), all at once: far past both instances' allowance.
        var answers = await Task.WhenAll(rooms.Select(async room =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 30; i++)
            {
                using var answer = await ada.Chat.PostAsync(room, Guid.NewGuid(), $"burst {i}");
                if (answer.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.TooManyRequests);
                    Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "no Retry-After");
                }
                statuses.Add(answer.StatusCode);
            }
            var posted = (await ada.Chat.HistoryJsonAsync(room, "?limit=200")).GetProperty("messages").GetArrayLength();
            return (statuses, posted);
        }));

        var all = answers.SelectMany(answer => answer.statuses).ToList();
        Assert.All(all, status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.TooManyRequests }));
        Assert.Contains(HttpStatusCode.TooManyRequests, all);
        Assert.All(answers, answer => Assert.Equal(answer.statuses.Count(status => status == HttpStatusCode.Created), answer.posted));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            return JsonSerializer.Deserialize<JsonElement>(body);
        }
    }

    private static async Task Refused(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        using (response)
            Assert.Equal(rule, (await ProblemAssert.IsProblemAsync(response, status)).GetProperty("rule").GetString());
    }
}
