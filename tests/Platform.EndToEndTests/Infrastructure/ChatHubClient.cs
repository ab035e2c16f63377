using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// One user's connection to the chat's hub through the gateway, as a page holds it: its own cookies (so the gateway's
/// session affinity keeps it on one instance), and everything the hub pushed, in the order it came.
/// </summary>
public sealed class ChatHubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<Pushed> pushed = new();
    private readonly Lock joining = new();
    private readonly Dictionary<Guid, List<JsonElement>> heldWhileJoining = [];

    private ChatHubClient(HubConnection connection, string instance)
    {
        Connection = connection;
        Instance = instance;
        connection.On<JsonElement>("Update", Receive);
        connection.On<Guid, Guid>("Typing", (room, user) => pushed.Enqueue(new Pushed("Typing", JsonSerializer.SerializeToElement(new { room, user }))));
        connection.On<Guid, Guid, long, long>("Receipts", (room, user, delivered, read) =>
            pushed.Enqueue(new Pushed("Receipts", JsonSerializer.SerializeToElement(new { room, user, delivered, read }))));
        connection.On<Guid, bool>("Presence", (user, online) => pushed.Enqueue(new Pushed("Presence", JsonSerializer.SerializeToElement(new { user, online }))));
    }

    public HubConnection Connection { get; }

    /// <summary>The chat instance serving this connection (the hub says so).</summary>
    public string Instance { get; }

    /// <summary>
    /// Connects through the gateway, trying again while it answers that no instance is reachable; with
    /// <paramref name="notOn"/>, again (with fresh cookies) until another instance serves it.
    /// </summary>
    public static async Task<ChatHubClient> ConnectAsync(Uri gateway, string token, string? notOn = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(gateway, "/hubs/chat"), options =>
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    options.Cookies = new CookieContainer();
                })
                .Build();
            try
            {
                await connection.StartAsync();
            }
            catch (HttpRequestException) when (attempt < 30)
            {
                // An instance just killed is still a destination until the gateway's health checks see it gone (a few
                // seconds): the gateway answers 502 meanwhile, and a client tries again, as a page's reconnect does.
                await connection.DisposeAsync();
                await Task.Delay(500);
                continue;
            }
            var welcome = await connection.InvokeAsync<JsonElement>("Hello");
            var instance = welcome.GetProperty("instance").GetString()!;
            var client = new ChatHubClient(connection, instance);
            // The attachments are made before start in a page; here the first pushes can only follow a Join, after this.
            if (notOn is null || instance != notOn)
                return client;
            await client.DisposeAsync();
            Assert.True(attempt < 10, $"The gateway put {attempt} connections in a row on {notOn}: its balancing or affinity is off.");
        }
    }

    /// <summary>
    /// Joins a room from the last version seen there. As the page does, the room's pushes that arrive while the join is
    /// under way are held and applied after what its answer caught up: the hub joins the room's group before it reads
    /// the stream, so a live update can come before the answer that holds the versions just below it.
    /// </summary>
    public async Task<JsonElement> JoinAsync(Guid room, long after = 0)
    {
        lock (joining)
            heldWhileJoining[room] = [];
        JsonElement? caughtUp = null;
        try
        {
            caughtUp = await Connection.InvokeAsync<JsonElement>("Join", room, after);
            return caughtUp.Value;
        }
        finally
        {
            lock (joining)
            {
                if (caughtUp is { } answer)
                    foreach (var update in answer.GetProperty("updates").EnumerateArray())
                        pushed.Enqueue(new Pushed("CaughtUp", update));
                foreach (var update in heldWhileJoining[room])
                    pushed.Enqueue(new Pushed("Update", update));
                heldWhileJoining.Remove(room);
            }
        }
    }

    private void Receive(JsonElement update)
    {
        lock (joining)
        {
            if (heldWhileJoining.TryGetValue(update.GetProperty("roomId").GetGuid(), out var held))
                held.Add(update);
            else
                pushed.Enqueue(new Pushed("Update", update));
        }
    }

    /// <summary>
    /// The versions of a room as a client applies them, from the catch-ups and the pushes in the order they came: each
    /// version once (one that came both ways is dropped the second time), each the one after the last applied. A gap,
    /// which a client would fill by joining again, fails the test.
    /// </summary>
    public IReadOnlyList<long> Timeline(Guid room, long after = 0)
    {
        var applied = new List<long>();
        var last = after;
        foreach (var update in pushed.Where(push => push.Kind is "CaughtUp" or "Update").Select(push => push.Body)
                     .Where(update => update.GetProperty("roomId").GetGuid() == room))
        {
            var version = update.GetProperty("version").GetInt64();
            if (version <= last)
                continue;
            Assert.True(version == last + 1, $"The client on {Instance} got version {version} after {last}: a gap. It had applied {string.Join(",", applied)}.");
            applied.Add(last = version);
        }
        return applied;
    }

    public async Task<long> PostAsync(Guid room, string text, Guid? id = null) =>
        (await Connection.InvokeAsync<JsonElement>("Post", room, id ?? Guid.NewGuid(), text)).GetProperty("version").GetInt64();

    /// <summary>The room's updates pushed so far, in the order they came.</summary>
    public IReadOnlyList<JsonElement> Updates(Guid room) =>
        [.. pushed.Where(push => push.Kind == "Update" && push.Body.GetProperty("roomId").GetGuid() == room).Select(push => push.Body)];

    /// <summary>How many pushes came so far: a mark to wait for a later one from.</summary>
    public int Mark() => pushed.Count;

    /// <summary>Waits for a push of <paramref name="kind"/> that <paramref name="matches"/> (after the <paramref name="since"/> first ones), failing with everything pushed so far.</summary>
    public async Task<JsonElement> WaitForAsync(string kind, Func<JsonElement, bool> matches, TimeSpan? within = null, int since = 0)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (pushed.Skip(since).FirstOrDefault(push => push.Kind == kind && matches(push.Body)) is { Kind: not null } found)
                return found.Body;
            await Task.Delay(25);
        }
        Assert.Fail($"No {kind} push as expected reached the client on {Instance}; it had: {string.Join(" | ", pushed.Select(push => $"{push.Kind} {push.Body}"))}");
        return default;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private readonly record struct Pushed(string Kind, JsonElement Body);
}
