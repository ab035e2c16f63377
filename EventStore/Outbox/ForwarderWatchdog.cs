using JasperFx;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.EventStore.Outbox;

/// <summary>
/// Keeps the forwarder running. Marten pauses a subscription that keeps failing (a broker gone for longer than its
/// retries, say), and a paused forwarder would leave every later event unsent without a sound. Every two seconds this
/// looks at the daemons' agents (a forwarder per database): a forwarder found paused or stopped is logged as an error, with Marten's reason, and
/// started again from its recorded position, which re-sends the page it failed on (at-least-once; consumers are
/// idempotent).
/// </summary>
public sealed class ForwarderWatchdog(IProjectionCoordinator coordinator, ILogger<ForwarderWatchdog> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RestartHaltedAsync(stoppingToken);
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(failure, "Could not look at the event-store forwarder's state; looking again in {Interval}", Interval);
            }
        }
    }

    private IReadOnlyList<IProjectionDaemon>? daemons;

    private async Task RestartHaltedAsync(CancellationToken ct)
    {
        // One daemon per database: a sharded store has a forwarder per shard. Asking for them reads a sharded store's
        // directory, so they are asked for once, not every two seconds of an idle system.
        daemons ??= await coordinator.AllDaemonsAsync();
        foreach (var daemon in daemons)
        foreach (var agent in daemon.CurrentAgents())
        {
            if (agent.Status == AgentStatus.Running || !agent.Name.Identity.StartsWith(EventStoreOutbox<IOutboxMessages>.SubscriptionName, StringComparison.Ordinal))
                continue;
            logger.LogError("The event-store forwarder {Shard} was {Status} at position {Position} ({Reason}); starting it again",
                agent.Name.Identity, agent.Status, agent.Position, agent.Failure is { } why ? $"{why.ExceptionType}: {why.Message}" : "no reason given");
            await daemon.StartAgentAsync(agent.Name.Identity, ct);
        }
    }
}
