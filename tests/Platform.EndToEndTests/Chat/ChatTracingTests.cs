using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Chat;

/// <summary>
/// One message, one trace (issue 24): the hub's call on the instance that took the post, the append, the outbox's
/// forward, the bus, and each instance's consume and push to its own connections.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChatTracingTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_message_is_one_trace_from_the_hub_through_the_outbox_and_the_bus_to_each_instances_push()
    {
        var (ada, bob) = await ChatUser.TwoAsync(platform, "Ada Traced", "Bob Traced");
        var room = await ada.Chat.OpenedRoomAsync("traced");
        (await bob.Chat.JoinAsync(room)).Dispose();
        await using var adaLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, ada.Token);
        await using var bobLive = await ChatHubClient.ConnectAsync(platform.Gateway.BaseAddress!, bob.Token, notOn: adaLive.Instance);
        await adaLive.JoinAsync(room);
        await bobLive.JoinAsync(room);
        var version = await adaLive.PostAsync(room, "follow me");
        await bobLive.WaitForAsync("Update", update => update.GetProperty("version").GetInt64() == version);

        IReadOnlyList<SpanRow> trace = [];
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                var forward = (await platform.Telemetry.SpansAsync(CancellationToken.None)).FirstOrDefault(span =>
                    span.Name == "forward MessagePosted" && span.Attributes.GetValueOrDefault("platform.stream.id") == room.ToString());
                if (forward is null)
                    return false;
                trace = await platform.Telemetry.TraceAsync(forward.TraceId, CancellationToken.None);
                return Pushed(trace, "chat") && Pushed(trace, "chat-2");
            }, TimeSpan.FromSeconds(30), "the message's trace, with each instance's push");
        }
        catch (TimeoutException late)
        {
            Assert.Fail($"{late.Message}. Spans seen: {string.Join("; ", trace)}");
        }

        Assert.Contains(trace, span => span.Service == adaLive.Instance && span.Scope == "Microsoft.AspNetCore.SignalR.Server"); // the hub's Post
        Assert.Contains(trace, span => span.Service == adaLive.Instance && span.Scope == "Npgsql"); // the append, in the hub's call
        foreach (var instance in new[] { "chat", "chat-2" })
            Assert.Contains(trace, span => span.Service == instance && span.Scope == "MassTransit"
                && span.Attributes.GetValueOrDefault("messaging.operation") == "receive"); // each instance's own endpoint
    }

    private static bool Pushed(IEnumerable<SpanRow> trace, string instance) =>
        trace.Any(span => span.Service == instance && span.Name == "push posted");
}
