using System.Diagnostics;

namespace Platform.AppHost.Supervision;

/// <summary>
/// The processes the run started: every resource's current process, as the orchestrator reports it. The AppHost
/// returns only once they have exited. Its own shutdown does not wait: the orchestrator (DCP) stops the servers after
/// the AppHost has gone, so ./run.sh came back about 7 s before PostgreSQL had stopped, and a second ./run.sh started at
/// once was refused for a port still in use (issue 19).
/// </summary>
public static class ResourceProcesses
{
    /// <summary>Where a snapshot carries the process id of an executable or project resource.</summary>
    public const string PidProperty = "executable.pid";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// The resources' current processes: name and process id. After a failed start the dashboard's is left out: the
    /// orchestrator, still inside its start-up, stops it only once the AppHost has exited.
    /// </summary>
    public static IReadOnlyList<(string Resource, int Pid)> Current(
        DistributedApplicationModel model, ResourceNotificationService notifications, bool startFailed) =>
        [.. model.Resources
            .Select(resource => notifications.TryGetCurrentState(resource.Name, out var current) ? (resource.Name, current.Snapshot) : default)
            .Where(entry => entry.Snapshot is not null && !(startFailed && entry.Snapshot.IsHidden))
            .Select(entry => (entry.Name, Pid: entry.Snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value))
            .Where(entry => entry.Pid is not null)
            .Select(entry => (entry.Name, Convert.ToInt32(entry.Pid)))];

    /// <summary>
    /// Every process whose command line names <paramref name="folder"/>: the servers' own processes, which may outlive
    /// the script the orchestrator started and stopped (RabbitMQ's VM, still shutting down when its script was killed).
    /// </summary>
    public static IReadOnlyList<(string Resource, int Pid)> Mentioning(string folder) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId)
            .Select(pid => (Pid: pid, Command: CommandLine(pid)))
            .Where(process => process.Command.Contains(folder, StringComparison.Ordinal))
            .Select(process => (Path.GetFileName(process.Command.Split('\0')[0]), process.Pid))];

    /// <summary>SIGTERM to each: a server's VM or postmaster stops as it would when its own script stops it.</summary>
    public static async Task TerminateAsync(IReadOnlyList<(string Resource, int Pid)> processes)
    {
        using var kill = Process.Start("kill", ["-TERM", .. processes.Select(process => process.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits until each process has exited, saying so when it takes longer than a blink; false past the bound.</summary>
    public static async Task<bool> WaitForExitAsync(IReadOnlyList<(string Resource, int Pid)> processes)
    {
        var started = TimeProvider.System.GetTimestamp(); // static: it runs after the host, and its services, are gone
        var said = false;
        while (true)
        {
            var running = processes.Where(process => IsRunning(process.Pid)).Select(process => process.Resource).ToList();
            if (running.Count == 0)
            {
                if (said)
                    Console.WriteLine($"Platform: stopped ({TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s).");
                return true;
            }
            if (TimeProvider.System.GetElapsedTime(started) > Bound)
            {
                await Console.Error.WriteLineAsync($"Platform: still running {Bound.TotalSeconds:0} s after the stop: {string.Join(", ", running)}.");
                return false;
            }
            if (!said && TimeProvider.System.GetElapsedTime(started) > Quiet)
            {
                Console.WriteLine($"Platform: stopping {string.Join(", ", running)} ...");
                said = true;
            }
            await Task.Delay(100);
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Alive and not a zombie (an exited child its parent has not yet reaped holds no port or file).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
