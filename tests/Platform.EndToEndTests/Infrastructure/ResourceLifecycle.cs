using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost.Supervision;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// Stops, starts and restarts a resource and waits for the state the command caused, never for one that was there
/// before it: a stop returns once the resource is seen stopped; a start or restart once a new run of it (a later start
/// time than before the command) is running and healthy, and its endpoints answer a request. Waiting only for
/// "healthy" could return on the state from before a restart, and hand the next test a gateway that was still going
/// down (issue 19).
/// </summary>
public sealed class ResourceLifecycle(DistributedApplication app)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    public async Task StopAsync(string resource, CancellationToken ct)
    {
        await ExecuteAsync(resource, KnownResourceCommands.StopCommand, ct);
        await WaitAsync(resource, "stopped", snapshot => KnownResourceStates.TerminalStates.Contains(snapshot.State?.Text), ct);
    }

    /// <summary>Starts a resource that was stopped or killed.</summary>
    public Task StartAsync(string resource, CancellationToken ct) => RunAgainAsync(resource, KnownResourceCommands.StartCommand, ct);

    public Task RestartAsync(string resource, CancellationToken ct) => RunAgainAsync(resource, KnownResourceCommands.RestartCommand, ct);

    private async Task RunAgainAsync(string resource, string command, CancellationToken ct)
    {
        var previousStart = Current(resource).StartTimeStamp;
        await ExecuteAsync(resource, command, ct);
        await WaitAsync(resource, "running and healthy in a new run", snapshot =>
            snapshot.StartTimeStamp is { } started && started != previousStart
            && snapshot.State?.Text == KnownResourceStates.Running
            && snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, ct);
        await AnswersAsync(resource, ct);
    }

    /// <summary>
    /// A command that fails fails the test with the resource's state and last log lines. A stop or restart that failed
    /// (the orchestrator gave up waiting for the process to end) first brings the resource back once it has ended, so
    /// that one failure does not leave the service down under every later test of the shared AppHost.
    /// </summary>
    private async Task ExecuteAsync(string resource, string command, CancellationToken ct)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(resource, command, ct);
        if (result.Success)
            return;
        var logTail = await app.Services.GetRequiredService<ResourceLogTail>().LastLinesAsync(resource, 30, ct);
        var state = Describe(Current(resource));
        var recovery = command == KnownResourceCommands.StartCommand ? "" : $" {await BringBackAsync(resource, ct)}.";
        Assert.Fail($"{command} {resource} failed: {result.Message} It was then: {state}.{recovery} Its last log lines:"
            + string.Concat(logTail.Select(line => $"{Environment.NewLine}  | {line}")));
    }

    private async Task<string> BringBackAsync(string resource, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(Within);
        try
        {
            await app.ResourceNotifications.WaitForResourceAsync(resource, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), bound.Token);
            var started = await app.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, ct);
            return started.Success ? "It was started again for the tests after this one" : $"Starting it again failed too: {started.Message}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"It had not ended {Within.TotalSeconds:0} s later, so it was left as it was";
        }
    }

    private async Task WaitAsync(string resource, string what, Func<CustomResourceSnapshot, bool> state, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(Within);
        try
        {
            await app.ResourceNotifications.WaitForResourceAsync(resource, e => state(e.Snapshot), bound.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Assert.Fail($"{resource} was not {what} within {Within.TotalSeconds:0} s: {Describe(Current(resource))}");
        }
    }

    /// <summary>A service answers its /health with 200; a server accepts a connection on each of its endpoints.</summary>
    private async Task AnswersAsync(string resource, CancellationToken ct)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var endpoint in model.Annotations.OfType<EndpointAnnotation>())
        {
            var address = app.GetEndpoint(resource, endpoint.Name);
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    if (model is ProjectResource && endpoint.UriScheme == "http")
                    {
                        using var health = await client.GetAsync(new Uri(address, "/health"), ct);
                        return health.IsSuccessStatusCode;
                    }
                    using var tcp = new TcpClient();
                    await tcp.ConnectAsync(address.Host, address.Port, ct);
                    return true;
                }
                catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    return false;
                }
            }, Within, $"{resource} to answer on {address} after it came back");
        }
    }

    private CustomResourceSnapshot Current(string resource)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var current), $"{resource} is not known");
        return current.Snapshot;
    }

    private static string Describe(CustomResourceSnapshot snapshot) =>
        $"state {snapshot.State?.Text ?? "none"}, health {snapshot.HealthStatus?.ToString() ?? "none"}, started {snapshot.StartTimeStamp:O}, exit code {snapshot.ExitCode?.ToString() ?? "none"}";
}
