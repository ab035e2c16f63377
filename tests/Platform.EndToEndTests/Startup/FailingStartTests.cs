using System.Net;
using System.Net.Sockets;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Startup;

/// <summary>
/// The AppHost run as ./run.sh runs it, as a process of its own (the last step of run.sh execs it), with a server
/// that cannot start: its PostgreSQL port is already taken.
/// </summary>
[Collection(ProcessRunsCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FailingStartTests : IDisposable
{
    private readonly string dataFolder = AppHostRuns.OpenDataFolder("platform-failing-start-");

    [LocalProcessesFact]
    public async Task A_server_that_exits_at_start_stops_the_run_within_seconds_with_its_log_lines_and_a_non_zero_exit()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var run = AppHostRuns.Start(dataFolder, new() { ["Infrastructure__PostgresPort"] = port.ToString() });
        await run.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode != 0, $"exit code {run.ExitCode}; it printed:{Environment.NewLine}{run.Output}");
        var reported = run.PrintedAt("Platform: postgres exited with code");
        Assert.Contains("Address already in use", run.Output); // postgres's own words, from its console log
        Assert.True(run.ExitTime - reported < TimeSpan.FromSeconds(10),
            $"it exited {(run.ExitTime - reported).TotalSeconds:0.0} s after reporting the failure");
        await AppHostRuns.AssertNothingLeftRunningAsync(dataFolder);
    }

    public void Dispose()
    {
        if (Directory.Exists(dataFolder))
            Directory.Delete(dataFolder, recursive: true);
    }
}
