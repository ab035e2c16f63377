using System.Diagnostics;
using Platform.AppHost.Supervision;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Crashes a running resource the hard way: SIGKILL, no graceful shutdown.</summary>
public static class ResourceProcess
{
    /// <summary>
    /// Kills the resource's process tree; or, with <paramref name="entireTree"/> false, only the service's own process,
    /// as a crash would, leaving its children. The orchestrator starts a project through <c>dotnet run</c>, whose one
    /// child is the service.
    /// </summary>
    public static async Task KillAsync(DistributedApplication app, string resource, CancellationToken ct, bool entireTree = true)
    {
        Assert.True(app.ResourceNotifications.TryGetCurrentState(resource, out var current), $"{resource} is not known");
        var pid = current.Snapshot.Properties.SingleOrDefault(p => p.Name == ResourceProcesses.PidProperty)?.Value;
        Assert.NotNull(pid);

        var target = Convert.ToInt32(pid);
        if (!entireTree && Children(target) is [var service])
            target = service;
        using (var process = Process.GetProcessById(target))
            process.Kill(entireProcessTree: entireTree);

        await app.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, ct);
    }

    private static int[] Children(int pid) =>
        [.. Directory.EnumerateDirectories($"/proc/{pid}/task")
            .SelectMany(task => File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(int.Parse)];
}
