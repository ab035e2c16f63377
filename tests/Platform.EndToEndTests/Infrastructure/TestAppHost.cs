using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost;
using Platform.AppHost.Supervision;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// The AppHost as the end-to-end fixtures start it, in either shape: this run's own secrets (never the machine's user
/// secrets, ADR 0036), any free ports (so the tests never clash with a running ./run.sh), a data folder inside a private
/// one, the dashboard's telemetry API, and the AppHost's own supervisor, which fails at once, with the resource's log
/// lines, when a resource cannot start.
/// </summary>
public sealed class TestAppHost
{
    // Past the supervisor's bounds (90 s a resource, the users' store's 3 min): a resource that cannot start is named by it.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    public string PrivateDirectory { get; } = Directory.CreateTempSubdirectory("platform-e2e-").FullName;

    public string DashboardApiKey { get; } = Guid.NewGuid().ToString("N");

    /// <summary>This run's secret of the admin tooling's client (client credentials, role admin).</summary>
    private readonly IReadOnlyDictionary<string, string> secrets = SecretParameters.Fresh(); // this run's: the machine's user secrets stay as they are

    public string AdminClientSecret => secrets[SecretParameters.AdminClientSecret];

    /// <summary>This run's operator: an account registered with this address is an admin (Identity:AdminEmails).</summary>
    public string OperatorEmail { get; } = $"operator-{Guid.NewGuid():N}@example.com";

    public async Task<DistributedApplication> StartAsync(IEnumerable<string> settings)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Platform_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
            [
                "--environment=Development", // telemetry is exported every second rather than every five
                $"AppHost:DashboardApiKey={DashboardApiKey}",
                .. secrets.Select(secret => $"Parameters:{secret.Key}={secret.Value}"),
                $"Identity:AdminEmails={OperatorEmail}",
                $"Infrastructure:DataDirectory={Path.Combine(PrivateDirectory, "data")}",
                "Gateway:Port=",
                "Infrastructure:PostgresPort=",
                "Infrastructure:RabbitMqPort=",
                "Infrastructure:RabbitMqManagementPort=",
                "Infrastructure:SmtpPort=",
                .. settings,
            ],
            timeout.Token);

        var app = await builder.BuildAsync(timeout.Token);
        var outcome = app.Services.GetRequiredService<StartupOutcome>();
        try
        {
            await app.StartAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (outcome.HasFailed)
        {
            // The supervisor stopped the run while resources were still being created: its verdict names the resource.
            await outcome.Ready;
        }
        await outcome.Ready.WaitAsync(timeout.Token);
        return app;
    }

    /// <summary>Removes a folder the run made, if it can: a server may still be flushing its files, in the temp directory either way.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
