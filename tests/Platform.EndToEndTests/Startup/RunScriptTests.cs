using System.Net;
using System.Net.Sockets;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Startup;

/// <summary>./run.sh itself: what it checks before it installs, builds or starts anything, and how it stops.</summary>
[Collection(ProcessRunsCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RunScriptTests : IDisposable
{
    private readonly string dataFolder = AppHostRuns.OpenDataFolder("platform-run-script-");

    [Fact]
    public async Task A_second_run_while_the_first_holds_its_ports_is_refused_at_once_in_one_line()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0); // what a running ./run.sh holds: its gateway port
        first.Start();
        var port = ((IPEndPoint)first.LocalEndpoint).Port;

        await using var second = TerminalRun.Start("bash", ["run.sh"], new Dictionary<string, string?> { ["Gateway__Port"] = port.ToString() });
        await second.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEqual(0, second.ExitCode);
        var line = Assert.Single(second.Lines).Line;
        Assert.Contains($"{port} (gateway)", line);
        Assert.Contains("already running", line);
    }

    /// <summary>
    /// What a person does most: Ctrl+C, then ./run.sh again at once. The prompt comes back only once every server has
    /// stopped, so the second run finds its ports and its data free (issue 19: it was refused, PostgreSQL still held 54320).
    /// </summary>
    [LocalProcessesFact]
    public async Task After_Ctrl_C_nothing_is_left_running_and_a_second_run_started_at_once_is_ready()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Infrastructure__DataDirectory"] = dataFolder,
            ["Gateway__Port"] = AppHostRuns.FreePort().ToString(),
            ["Infrastructure__PostgresPort"] = AppHostRuns.FreePort().ToString(),
            ["Infrastructure__RabbitMqPort"] = AppHostRuns.FreePort().ToString(),
            ["Infrastructure__RabbitMqManagementPort"] = AppHostRuns.FreePort().ToString(),
            ["Infrastructure__SmtpPort"] = AppHostRuns.FreePort().ToString(),
        };

        foreach (var run in new[] { "first", "second" })
        {
            await using var terminal = TerminalRun.StartInTerminal("bash", ["run.sh"], environment);
            await terminal.WaitForLineAsync("Platform is ready", TimeSpan.FromMinutes(run == "first" ? 6 : 3)); // the first builds everything
            await terminal.InterruptAsync();
            await terminal.WaitForExitAsync(TimeSpan.FromSeconds(90));
            Assert.True(terminal.ExitCode == 0, $"the {run} run exited {terminal.ExitCode} after Ctrl+C; it printed:{Environment.NewLine}{terminal.Output}");
            await AppHostRuns.AssertNothingLeftRunningAsync(dataFolder);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(dataFolder))
            Directory.Delete(dataFolder, recursive: true);
    }
}
