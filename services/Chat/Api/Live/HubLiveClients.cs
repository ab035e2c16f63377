using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.Presence;
using Platform.ServiceDefaults;

namespace Platform.Chat.Api.Live;

/// <summary>
/// Pushes to this instance's connections, through SignalR's hub context, by group. A member who left a room stops
/// getting its pushes on every connection of theirs here, once the leave is heard.
/// </summary>
public sealed class HubLiveClients(IHubContext<ChatHub, IChatClient> hub, LocalConnections connections, ChatMetrics metrics, TimeProvider clock) : ILiveClients
{
    public async Task UpdateAsync(RoomUpdate update, CancellationToken ct)
    {
        // The last hop of a message's trace (hub → append → outbox → bus → each instance → push), on each instance.
        using var activity = PlatformActivity.Source.StartActivity($"push {update.Type}");
        activity?.SetTag("platform.chat.room", update.RoomId);
        activity?.SetTag("platform.chat.version", update.Version);
        var group = LiveGroups.Room(update.RoomId);
        await hub.Clients.Group(group).Update(update);
        metrics.Pushed(update.Type, clock.GetUtcNow() - update.At);
        if (update is { Type: RoomUpdate.Left, UserId: { } leaver })
            foreach (var connection in connections.Of(leaver))
                await hub.Groups.RemoveFromGroupAsync(connection, group, ct);
    }

    public Task TypingAsync(Guid roomId, Guid userId, CancellationToken ct) => hub.Clients.Group(LiveGroups.Room(roomId)).Typing(roomId, userId);

    public Task ReceiptsAsync(Guid roomId, Guid userId, long delivered, long read, CancellationToken ct) =>
        hub.Clients.Group(LiveGroups.Room(roomId)).Receipts(roomId, userId, delivered, read);

    public Task PresenceAsync(PresenceChange change, CancellationToken ct) =>
        hub.Clients.Group(LiveGroups.Presence(change.UserId)).Presence(change.UserId, change.Online);
}
