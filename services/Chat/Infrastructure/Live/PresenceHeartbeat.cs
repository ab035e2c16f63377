using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Chat.Application.Live;
using Platform.Chat.Application.Presence;
using Platform.ServiceDefaults;

namespace Platform.Chat.Infrastructure.Live;

/// <summary>
/// Every beat: tells every instance who is connected here, and ends the entries of instances heard from no more (a
/// killed one's users go offline to everyone, three beats after its last). The first beat, once this instance
/// listens, is answered by every other instance at once, so a started instance knows everyone's presence within a
/// round trip rather than a beat.
/// </summary>
public sealed class PresenceHeartbeat(
    LocalConnections connections, PresenceTable presence, ILiveSignals signals, ILiveClients clients, IOptions<PresenceOptions> options,
    IBusControl bus, ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    private static readonly TimeSpan ListeningWithin = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        await ListeningAsync(stoppingToken);
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

    /// <summary>
    /// The first beat makes every other instance answer with theirs (<see cref="HearingBeats"/>): it waits until this
    /// instance's own endpoint is listening, so that the answers are heard. Past the bound it beats anyway.
    /// </summary>
    private async Task ListeningAsync(CancellationToken stoppingToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bound.CancelAfter(ListeningWithin);
        try
        {
            while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
                await Task.Delay(TimeSpan.FromMilliseconds(50), bound.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("The bus was not healthy within {Seconds} s; beating anyway", ListeningWithin.TotalSeconds);
        }
    }
}
