using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Chat;

/// <summary>
/// The chat in real time (issue 24, ADR 0051), through the gateway's hub route, with two users on two instances: what
/// one posts reaches the other across the backplane, in the room's order, with typing, receipts and presence; a client
/// back on the other instance resumes from its last version with no gap and no duplicate; refusals are hub errors that
/// name the rule; and the token a browser puts in the query string is never recorded.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChatHubTests(PlatformFixture platform) : IAsyncLifetime
{
    private ChatUser ada = null!, bob = null!;

    public async Task InitializeAsync() => (ada, bob) = await ChatUser.TwoAsync(platform, "Ada Live", "Bob Live");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Messages_cross_instances_in_order_with_typing_receipts_and_presence()
    {
        var room = await ada.Chat.OpenedRoomAsync("live");
        (await bob.Chat.JoinAsync(room)).Dispose();
        await using var adaLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, ada.Token);
        var caughtUp = await adaLive.JoinAsync(room);
        Assert.Equal([1L, 2L], caughtUp.GetProperty("updates").EnumerateArray().Select(update => update.GetProperty("version").GetInt64()));

        await using var bobLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, bob.Token, notOn: adaLive.Instance);
        Assert.NotEqual(adaLive.Instance, bobLive.Instance);
        await adaLive.WaitForAsync("Presence", push => push.GetProperty("user").GetGuid() == bob.Id && push.GetProperty("online").GetBoolean());
        var bobCaughtUp = await bobLive.JoinAsync(room);
        Assert.Contains(ada.Id, bobCaughtUp.GetProperty("online").EnumerateArray().Select(user => user.GetGuid()));

        var first = await adaLive.PostAsync(room, "hello from one instance");
        var second = await bobLive.PostAsync(room, "and back from the other");
        var third = await bobLive.PostAsync(room, "twice");
        Assert.Equal([3L, 4L, 5L], [first, second, third]);
        foreach (var client in new[] { adaLive, bobLive })
        {
            await client.WaitForAsync("Update", update => update.GetProperty("version").GetInt64() == third);
            Assert.Equal([1L, 2L, 3L, 4L, 5L], client.Timeline(room)); // opened, joined, then the three posts, in the room's order
            var posted = client.Updates(room).Where(update => update.GetProperty("type").GetString() == "posted").DistinctBy(update => update.GetProperty("version").GetInt64());
            Assert.Equal(["hello from one instance", "and back from the other", "twice"], posted.Select(update => update.GetProperty("text").GetString()));
        }

        await bobLive.Connection.InvokeAsync("Typing", room);
        await adaLive.WaitForAsync("Typing", push => push.GetProperty("user").GetGuid() == bob.Id && push.GetProperty("room").GetGuid() == room);

        await adaLive.Connection.InvokeAsync<System.Text.Json.JsonElement>("Report", room, third, second);
        var receipts = await bobLive.WaitForAsync("Receipts", push => push.GetProperty("user").GetGuid() == ada.Id);
        Assert.Equal((third, second), (receipts.GetProperty("delivered").GetInt64(), receipts.GetProperty("read").GetInt64()));
    }

    [Fact]
    public async Task A_client_back_on_the_other_instance_resumes_from_its_last_version_with_no_gap_and_no_duplicate()
    {
        var room = await ada.Chat.OpenedRoomAsync("resume");
        (await bob.Chat.JoinAsync(room)).Dispose();
        await using var adaLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, ada.Token);
        await adaLive.JoinAsync(room);
        var seen = await adaLive.PostAsync(room, "before bob goes");

        string firstInstance;
        await using (var bobLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, bob.Token))
        {
            firstInstance = bobLive.Instance;
            await bobLive.JoinAsync(room);
        }
        // Bob is away; the room goes on.
        var missed = new List<long>();
        for (var i = 1; i <= 3; i++)
            missed.Add(await adaLive.PostAsync(room, $"while bob was away {i}"));

        await using var bobBack = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, bob.Token, notOn: firstInstance);
        var caughtUp = await bobBack.JoinAsync(room, after: seen);
        Assert.Equal(missed, caughtUp.GetProperty("updates").EnumerateArray().Select(update => update.GetProperty("version").GetInt64()));
        Assert.False(caughtUp.GetProperty("more").GetBoolean());

        var next = await adaLive.PostAsync(room, "welcome back");
        await bobBack.WaitForAsync("Update", update => update.GetProperty("version").GetInt64() == next);
        // What was committed while the client joined may come both ways; it applies each version once, with no gap.
        Assert.Equal([.. missed, next], bobBack.Timeline(room, after: seen));
    }

    [Fact]
    public async Task A_client_whose_instance_is_killed_goes_offline_and_resumes_on_the_other_with_everything_it_missed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var room = await ada.Chat.OpenedRoomAsync("outage");
        (await bob.Chat.JoinAsync(room)).Dispose();
        await using var adaLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, ada.Token);
        await adaLive.JoinAsync(room);
        var bobLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, bob.Token, notOn: adaLive.Instance);
        await bobLive.JoinAsync(room);
        await adaLive.PostAsync(room, "are you there?");
        var seen = await bobLive.WaitForAsync("Update", update => update.GetProperty("text").GetString() == "are you there?");
        var lastSeen = seen.GetProperty("version").GetInt64();

        var victim = bobLive.Instance;
        var killedAt = DateTime.UtcNow;
        await ResourceProcess.KillAsync(platform.App, victim, timeout.Token);
        try
        {
            await bobLive.DisposeAsync(); // its connection died with the instance
            // The room goes on without Bob; Ada sees him go offline when his instance's entry expires (three missed beats).
            var missed = new List<long>();
            for (var i = 1; i <= 3; i++)
                missed.Add(await adaLive.PostAsync(room, $"while {victim} was down {i}"));
            await adaLive.WaitForAsync("Presence", push => push.GetProperty("user").GetGuid() == bob.Id && !push.GetProperty("online").GetBoolean(),
                within: TimeSpan.FromSeconds(30));
            var offlineAfter = DateTime.UtcNow - killedAt;
            var wentOffline = adaLive.Mark();

            // Bob's client comes back through the gateway, which has only the other instance to give it.
            await using var bobBack = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, bob.Token, notOn: victim);
            await bobBack.JoinAsync(room, after: lastSeen);
            await adaLive.WaitForAsync("Presence", push => push.GetProperty("user").GetGuid() == bob.Id && push.GetProperty("online").GetBoolean(),
                since: wentOffline);
            var next = await adaLive.PostAsync(room, "welcome back");
            await bobBack.WaitForAsync("Update", update => update.GetProperty("version").GetInt64() == next);
            Assert.Equal([.. missed, next], bobBack.Timeline(room, after: lastSeen));
            Assert.True(offlineAfter < TimeSpan.FromSeconds(25), $"Bob went offline to Ada {offlineAfter.TotalSeconds:0.0} s after his instance died");
        }
        finally
        {
            await platform.Resources.StartAsync(victim, timeout.Token);
        }
    }

    [Fact]
    public async Task Refusals_are_hub_errors_that_name_the_rule()
    {
        var room = await ada.Chat.OpenedRoomAsync("private");
        await using var bobLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, bob.Token);
        var notMember = await Assert.ThrowsAsync<HubException>(() => bobLive.JoinAsync(room));
        Assert.Contains("HubException: members-only:", notMember.Message); // SignalR's prefix, then the rule
        var cannotPost = await Assert.ThrowsAsync<HubException>(() => bobLive.PostAsync(room, "let me in"));
        Assert.Contains("HubException: members-only:", cannotPost.Message);

        await using var adaLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, ada.Token);
        var tooLong = await Assert.ThrowsAsync<HubException>(() => adaLive.PostAsync(room, new string('x', 4_001)));
        Assert.Contains("HubException: text-within-limit:", tooLong.Message);
        // The example moderation plugin (word-filter, loaded by the shared plugin kernel) refuses a blocked word; the
        // sender reads which plugin refused and why, and nothing is posted.
        var moderated = await Assert.ThrowsAsync<HubException>(() => adaLive.PostAsync(room, "cheap SPAM, click here"));
        Assert.Contains("HubException: moderation-allows: The message was refused by the plugin 'word-filter': the word 'SPAM' is not allowed here", moderated.Message);
        var id = Guid.NewGuid();
        var once = await adaLive.PostAsync(room, "once", id);
        Assert.Equal(once, await adaLive.PostAsync(room, "once", id)); // a resend over the hub: the same message
        Assert.Single((await ada.Chat.HistoryJsonAsync(room)).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task A_browser_token_in_the_query_string_opens_the_hub_and_is_never_recorded()
    {
        // As a browser's SignalR client does with WebSockets: no negotiation, the token in the query string.
        using var socket = new ClientWebSocket();
        var hub = new UriBuilder(new Uri(platform.Gateway.BaseAddress!, "/hubs/chat")) { Scheme = "ws", Query = $"access_token={ada.Token}" }.Uri;
        await socket.ConnectAsync(hub, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[4096];
        var handshake = await socket.ReceiveAsync(buffer, CancellationToken.None);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, handshake.Count)); // signed in: the hub took the token
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        // The gateway's span of that request is there, its query redacted; the token is nowhere in the telemetry.
        var signature = ada.Token[(ada.Token.LastIndexOf('.') + 1)..];
        await Eventually.HoldsAsync(async () =>
            (await platform.Telemetry.SpansAsync(CancellationToken.None)).Any(span =>
                span.Service == "gateway" && span.Attributes.GetValueOrDefault("url.query") == "?access_token=Redacted"),
            TimeSpan.FromSeconds(30), "the gateway's span of the hub's request, with its query redacted");
        var leaks = (await platform.Telemetry.SpansAsync(CancellationToken.None))
            .Where(span => span.Name.Contains(signature) || span.Attributes.Values.Any(value => value.Contains(signature)));
        Assert.Empty(leaks);
        foreach (var resource in new[] { "gateway", "chat", "chat-2" })
            Assert.DoesNotContain(signature, await platform.Telemetry.LogsAsync(resource, signature, CancellationToken.None));
    }
}
