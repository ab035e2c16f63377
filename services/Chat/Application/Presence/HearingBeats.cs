using Platform.Chat.Application.Live;

namespace Platform.Chat.Application.Presence;

/// <summary>
/// An instance's heartbeat, heard here: it renews that instance's users in the presence table, and each change is
/// pushed to whoever watches them. A newcomer (an instance that just started, or came back) knows nobody yet, so it
/// is answered at once with this instance's own beat rather than left to learn everyone's presence over the next
/// interval (5 s). The newcomer, hearing that answer as a first beat in its turn, answers too; the exchange ends there.
/// </summary>
public sealed class HearingBeats(PresenceTable presence, LocalConnections connections, ILiveSignals signals, ILiveClients clients, ChatInstance instance)
{
    public async Task HandleAsync(string from, IReadOnlyCollection<Guid> online, TimeSpan interval, CancellationToken ct)
    {
        var newcomer = presence.IsNewcomer(from, interval) && from != instance.Key;
        foreach (var change in presence.Heartbeat(from, online, interval))
            await clients.PresenceAsync(change, ct);
        if (newcomer)
            await signals.HeartbeatAsync(connections.Users, interval, ct);
    }
}
