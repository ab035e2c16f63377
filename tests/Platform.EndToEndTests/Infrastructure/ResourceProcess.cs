using System.Diagnostics;
using Platform.AppHost.Supervision;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Crashes a running resource the hard way: SIGKILL to its process tree, no graceful shutdown.</summary>
public static class ResourceProcess
{
    public static async Task KillAsync(DistributedApplication app, string resource, CancellationToken ct)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var current), $"{resource} is not known");
        var pid = current.Snapshot.Properties.SingleOrDefault(p => p.Name == ResourceProcesses.PidProperty)?.Value;
        Assert.NotNull(pid);

        using (var process = Process.GetProcessById(Convert.ToInt32(pid)))
            process.Kill(entireProcessTree: true);

        await app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, ct);
    }
}
