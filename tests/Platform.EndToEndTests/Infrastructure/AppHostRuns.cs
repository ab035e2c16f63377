using System.Net;
using System.Net.Sockets;
using Platform.AppHost;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Starts the built AppHost in a process of its own, on free ports and a data folder of the test's.</summary>
public static class AppHostRuns
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static TerminalRun Start(string dataFolder, Dictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["Infrastructure__DataDirectory"] = dataFolder,
            ["Infrastructure__PostgresPort"] = FreePort().ToString(),
            ["Infrastructure__RabbitMqPort"] = FreePort().ToString(),
            ["Infrastructure__RabbitMqManagementPort"] = FreePort().ToString(),
            ["Infrastructure__SmtpPort"] = FreePort().ToString(),
            ["Gateway__Port"] = FreePort().ToString(),
        };
        // The secret parameters, this run's own: the machine's user secrets stay as they are.
        foreach (var (name, value) in SecretParameters.Fresh())
            environment[$"Parameters__{name}"] = value;
        foreach (var (name, value) in settings)
            environment[name] = value;

        return TerminalRun.Start("dotnet",
            ["run", "--project", Projects.Platform_AppHost.ProjectPath, "-c", Configuration, "--no-build", "--no-launch-profile"],
            environment);
    }

    /// <summary>No process that the run started (the servers name its data folder) outlives it.</summary>
    public static async Task AssertNothingLeftRunningAsync(string dataFolder)
    {
        using var pgrep = System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo("pgrep", ["-a", "-f", dataFolder]) { RedirectStandardOutput = true })!;
        var left = await pgrep.StandardOutput.ReadToEndAsync();
        await pgrep.WaitForExitAsync();
        Assert.True(pgrep.ExitCode == 1, $"still running after the AppHost exited: {left}");
    }

    /// <summary>A data folder the postgres user can enter, so the data stays where the test can find and remove it.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string OpenDataFolder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Tests that start processes of their own run one at a time, never beside another AppHost.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessRunsCollection
{
    public const string Name = "process runs";
}
