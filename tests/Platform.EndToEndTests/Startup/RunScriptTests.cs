using System.Net;
using System.Net.Sockets;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Startup;

/// <summary>./run.sh itself: what it checks before it installs, builds or starts anything.</summary>
[Collection(ProcessRunsCollection.Name)]
public sealed class RunScriptTests
{
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
}
