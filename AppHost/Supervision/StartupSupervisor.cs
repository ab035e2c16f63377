using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.AppHost.Supervision;

/// <summary>
/// Watches every resource from the start. Until all are healthy, the first one that exits, fails to start or stays
/// unhealthy past a bound stops the whole run: the terminal gets its name and last log lines, the AppHost a
/// non-zero exit code. Once all are healthy it prints where to go; a resource that fails later is reported the
/// same way while the rest keeps serving (ADR 0006), and, where asked (<see cref="SupervisionOptions.RestartExitedServices"/>),
/// a service is started again as an orchestrator would. The end-to-end fixture awaits the same <see cref="StartupOutcome"/>.
/// It starts watching before any hosted service starts (<see cref="StartingAsync"/>): Aspire's orchestrator starts
/// the resources inside its own StartAsync, and a resource that cannot be created can hold that call forever.
/// </summary>
public sealed class StartupSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    DistributedApplicationModel model,
    TerminalReport terminal,
    StartupOutcome outcome,
    IHostApplicationLifetime lifetime,
    IOptions<SupervisionOptions> options,
    TimeProvider clock) : IHostedLifecycleService, IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(8);

    private readonly Dictionary<string, (string? State, DateTime Since)> unready = [];
    private readonly HashSet<string> reportedAfterReady = [];
    private readonly Dictionary<string, DateTime> restartedAt = [];
    private readonly CancellationTokenSource stopping = new();
    private Task watching = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        watching = Task.Run(() => WatchAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await watching.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => stopping.Dispose();

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        terminal.Starting();
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (outcome.IsDecided)
                    await ReportLateFailuresAsync(stoppingToken);
                else
                    await JudgeStartAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        outcome.Abandoned();
    }

    private async Task JudgeStartAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var resources = VisibleResources().ToList();
        foreach (var (name, resource, snapshot) in resources)
        {
            var (bound, why) = resource.StartupBound(options.Value.UnhealthyAfter);
            var reason = ResourceVerdict.FailureReason(snapshot, now - UnreadySince(name, snapshot, now), bound);
            if (reason is null)
                continue;
            if (why is not null)
                reason = $"{reason}, its own bound ({why})";

            outcome.Failed(await terminal.FailedAsync(name, reason, ct));
            try
            {
                await StopStartedResourcesAsync(resources);
            }
            finally
            {
                lifetime.StopApplication(); // whatever the stops did, the run ends
            }
            return;
        }

        if (resources.Count > 0 && resources.All(resource => ResourceVerdict.IsReady(resource.Snapshot)))
        {
            terminal.Ready();
            outcome.Succeeded();
        }
    }

    /// <summary>
    /// Stops what already runs before the AppHost exits. Its own shutdown would not: a start that cannot finish
    /// leaves Aspire's orchestrator inside its start-up, and the servers would outlive the AppHost by seconds.
    /// </summary>
    private async Task StopStartedResourcesAsync(IEnumerable<(string Name, IResource Resource, CustomResourceSnapshot Snapshot)> resources)
    {
        using var bound = new CancellationTokenSource(StopWithin);
        var running = resources.Where(resource => resource.Snapshot.State?.Text == KnownResourceStates.Running);
        try
        {
            await Task.WhenAll(running.Select(resource =>
                commands.ExecuteCommandAsync(resource.Name, KnownResourceCommands.StopCommand, bound.Token)));
        }
        catch (OperationCanceledException)
        {
            // past the bound the orchestrator stops the rest when the AppHost exits
        }
    }

    /// <summary>
    /// After the start, a resource that stops is said loudly once; the others go on serving. Under a restart policy a
    /// service is started again: at once the first time, then no sooner than the back-off after its last restart.
    /// </summary>
    private async Task ReportLateFailuresAsync(CancellationToken ct)
    {
        foreach (var (name, resource, snapshot) in VisibleResources())
        {
            var reason = ResourceVerdict.FailureReason(snapshot, TimeSpan.Zero, TimeSpan.MaxValue);
            if (reason is null)
                reportedAfterReady.Remove(name);
            else if (reportedAfterReady.Add(name))
                await terminal.FailedAsync(name, reason, ct, stillRunning: true);
            // Never while the run is stopping: the orchestrator stops every service then, and none may come back.
            if (reason is not null && options.Value.RestartExitedServices && !lifetime.ApplicationStopping.IsCancellationRequested
                && ResourceVerdict.IsRestartable(resource, snapshot))
                await RestartWhenDueAsync(name, ct);
        }
    }

    private async Task RestartWhenDueAsync(string name, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (restartedAt.TryGetValue(name, out var last) && now - last < options.Value.RestartBackOff)
            return;
        restartedAt[name] = now;
        var started = await commands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, ct);
        await Console.Error.WriteLineAsync(started.Success
            ? $"Platform: {name} started again (restart policy)."
            : $"Platform: {name} could not be started again: {started.Message}; next try in {options.Value.RestartBackOff.TotalSeconds:0} s.");
    }

    /// <summary>When the resource entered its present state; waiting on another resource does not count.</summary>
    private DateTime UnreadySince(string name, CustomResourceSnapshot snapshot, DateTime now)
    {
        var state = snapshot.State?.Text;
        if (state == KnownResourceStates.Waiting || ResourceVerdict.IsReady(snapshot))
        {
            unready.Remove(name);
            return now;
        }
        if (!unready.TryGetValue(name, out var entry) || entry.State != state)
            unready[name] = entry = (state, now);
        return entry.Since;
    }

    private IEnumerable<(string Name, IResource Resource, CustomResourceSnapshot Snapshot)> VisibleResources()
    {
        // Parameters (the admin signing key) are values, not processes: "running" from the first instant, they would
        // make a start whose servers have not yet reported look finished.
        foreach (var resource in model.Resources.Where(resource => resource is not ParameterResource))
        {
            if (notifications.TryGetCurrentState(resource.Name, out var current) && !current.Snapshot.IsHidden)
                yield return (resource.Name, resource, current.Snapshot);
        }
    }
}
