namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// Starts the real AppHost once for all end-to-end tests: local PostgreSQL and RabbitMQ in a fresh folder,
/// free ports, the services, the gateway and the dashboard (whose telemetry API lets tests read traces and logs).
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly string[] EntryPoints = ["gateway"];

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"platform-e2e-{Guid.NewGuid():N}");
    private readonly string dashboardApiKey = Guid.NewGuid().ToString("N");

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>A plain client (no retries, no circuit breaker) so that tests see every failure as it is.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    public DashboardTelemetry Telemetry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Platform_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
            [
                "--environment=Development", // telemetry is exported every second rather than every five
                $"AppHost:DashboardApiKey={dashboardApiKey}",
                $"Infrastructure:DataDirectory={dataDirectory}",
                // Any free ports, so the tests never clash with a running ./run.sh (8080, 54320, 56720).
                "Gateway:Port=",
                "Infrastructure:PostgresPort=",
                "Infrastructure:RabbitMqPort=",
            ],
            timeout.Token);

        App = await builder.BuildAsync(timeout.Token);
        var startup = ResourceWatch.UntilHealthyAsync(App, EntryPoints, timeout.Token);
        await App.StartAsync(timeout.Token);
        await startup;

        Gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        var dashboard = await App.GetDashboardUrlAsync(timeout.Token);
        Telemetry = new DashboardTelemetry(new Uri(dashboard.GetLeftPart(UriPartial.Authority)), dashboardApiKey);
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        Telemetry?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        TryDelete(dataDirectory);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be flushing its files; the folder is in the temp directory either way.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
