using Microsoft.Extensions.Options;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.Presence;
using Platform.ServiceDefaults;

namespace Platform.Chat.Infrastructure.Live;

/// <summary>
/// Every beat: tells every instance who is connected here, and ends the entries of instances heard from no more (a
/// killed one's users go offline to everyone, three beats after its last).
/// </summary>
public sealed class PresenceHeartbeat(
    LocalConnections connections, PresenceTable presence, ILiveSignals signals, ILiveClients clients, IOptions<PresenceOptions> options,
    ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval);
        do
        {
            // Machinery, not a user's request: the beat, and each instance's handling of it, stay off the dashboard.
            using var beat = BackgroundWork.Start("presence heartbeat");
            try
            {
                await signals.HeartbeatAsync(connections.Users, interval, stoppingToken);
                foreach (var change in presence.Expire())
                    await clients.PresenceAsync(change, stoppingToken);
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Could not send the presence heartbeat; trying again in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
