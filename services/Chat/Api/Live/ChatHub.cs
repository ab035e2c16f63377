using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Platform.Chat.Application.CatchingUp;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.PostingMessage;
using Platform.Chat.Application.Presence;
using Platform.Chat.Application.ReportingReceipts;
using Platform.Chat.Application.Typing;
using Platform.Chat.Domain;
using Platform.ServiceDefaults.Identity;

namespace Platform.Chat.Api.Live;

/// <summary>Who a connection is and which instance serves it.</summary>
public sealed record Welcome(string Instance, Guid UserId);

/// <summary>
/// The chat in real time, at <c>/hubs/chat</c> (ADR 0051): the same use cases as the HTTP API, and the pushes. A client
/// joins each room with the last version it saw there, and gets what it missed from the stream; the room's updates,
/// typing and receipts then come live from every instance through the backplane. A refusal is a hub error that names
/// the rule, as problem+json does over HTTP.
/// </summary>
[Authorize]
public sealed class ChatHub(
    CatchUpHandler catchUp, PostMessageHandler posting, ReceiptsHandler receipts, TypingHandler typing, LocalConnections connections,
    PresenceTable presence, ILiveSignals signals, ChatInstance instance, ChatMetrics metrics) : Hub<IChatClient>
{
    /// <summary>The most users one call may watch.</summary>
    public const int MaxWatched = 200;

    public override async Task OnConnectedAsync()
    {
        var me = Me();
        metrics.Connected();
        if (connections.Add(me, Context.ConnectionId))
            await signals.PresenceAsync(me, online: true, Context.ConnectionAborted);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.User?.UserId() is not { } me)
            return;
        metrics.Disconnected();
        if (connections.Remove(me, Context.ConnectionId))
            await signals.PresenceAsync(me, online: false, CancellationToken.None);
    }

    public Welcome Hello() => new(instance.Name, Me());

    /// <summary>Starts the room's pushes to this connection, then answers what it missed after <paramref name="after"/>.</summary>
    public async Task<RoomCatchUp> Join(Guid roomId, long after)
    {
        var room = await catchUp.MemberRoomAsync(roomId, Me(), Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Room(room.Id));
        foreach (var member in room.Members)
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Presence(member));
        return await catchUp.AfterAsync(room, after, Context.ConnectionAborted);
    }

    /// <summary>Stops the room's pushes to this connection (the user stays a member).</summary>
    public Task Leave(Guid roomId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveGroups.Room(roomId));

    /// <summary>Pushes these users' presence to this connection from now on; the answer is who of them is online.</summary>
    public async Task<IReadOnlyList<Guid>> Watch(Guid[] users)
    {
        Me();
        if (users.Length > MaxWatched)
            throw new HubException($"watch-within-limit: at most {MaxWatched} users at once.");
        foreach (var user in users)
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveGroups.Presence(user));
        return [.. users.Where(presence.IsOnline)];
    }

    public Task<PostedResult> Post(Guid roomId, Guid messageId, string text) =>
        posting.HandleAsync(new PostMessage(roomId, messageId, Me(), text), Context.ConnectionAborted);

    public Task Typing(Guid roomId) => typing.HandleAsync(roomId, Me(), Context.ConnectionAborted);

    public Task<ReadPosition> Report(Guid roomId, long delivered, long read) =>
        receipts.ReportAsync(roomId, Me(), delivered, read, Context.ConnectionAborted);

    private Guid Me() => Context.User?.UserId() ?? throw new HubException("users-only: the chat needs a signed-in user; this token names a client.");
}
