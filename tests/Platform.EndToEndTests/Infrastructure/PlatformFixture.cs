using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost.Infrastructure.LocalProcesses;
using Platform.AppHost.Infrastructure;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// Starts the real AppHost once for all end-to-end tests (<see cref="TestAppHost"/>): local PostgreSQL and RabbitMQ in a
/// fresh folder, free ports, the services, the gateway and the dashboard (whose telemetry API lets tests read traces and
/// logs). The data folder sits inside a private (0700) folder, as a clone under /root or mktemp -d does, so every test
/// also proves that the AppHost finds the servers a folder they can use.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime, IPlatformShape
{
    private readonly TestAppHost host = new();

    /// <summary>This run's secret of the admin tooling's client (client credentials, role admin).</summary>
    public string AdminClientSecret => host.AdminClientSecret;

    /// <summary>This run's operator: an account registered with this address is an admin (Identity:AdminEmails).</summary>
    public string OperatorEmail => host.OperatorEmail;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>A plain client (no retries, no circuit breaker) so that tests see every failure as it is.</summary>
    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The same client with an admin token, minted by ./admin-token.sh, for the /api/admin routes.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public DashboardTelemetry Telemetry { get; private set; } = null!;

    /// <summary>Where the AppHost put the local servers' data: not in the private folder, which the postgres user cannot enter. None in container mode.</summary>
    public LocalDataFolder? DataFolder { get; private set; }

    /// <summary>The register-user function's stable window and grace in this run.</summary>
    public static readonly TimeSpan FunctionWindows = TimeSpan.FromSeconds(4);

    /// <summary>How long send-welcome-mail stays after its queue has emptied, in this run.</summary>
    public static readonly TimeSpan QueueFunctionGrace = TimeSpan.FromSeconds(10);

    public async Task InitializeAsync()
    {
        App = await host.StartAsync(
        [
            // The functions' autoscaler over seconds rather than Knative's minute and half: a test sees zero soon.
            $"Functions:register-user:StableWindow={FunctionWindows}",
            $"Functions:register-user:ScaleToZeroGrace={FunctionWindows}",
            "Functions:register-user:TargetConcurrency=4",
            // Every registration's event reaches the mail function's queue too: a longer grace keeps it warm through
            // the suite's bursts, and one instance at most leaves the machine's two cores to the services under test.
            $"Functions:send-welcome-mail:ScaleToZeroGrace={QueueFunctionGrace}",
            "Functions:send-welcome-mail:MaxInstances=1",
            // The tests run the batch layer themselves and read the view in force after their own run: a scheduled run
            // (30 s after each analytics start, then every 15 min) landing just after one replaced it with an older
            // watermark (LambdaTests, in a clean-clone run of 2026-12-07).
            "Analytics:Batch:FirstRunAfter=1.00:00:00",
            "Analytics:Batch:Period=1.00:00:00",
        ]);
        Resources = new ResourceLifecycle(App);
        DataFolder = App.Services.GetService<LocalDataFolder>();
        Gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        Admin = AdminClient(Gateway.BaseAddress!);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var dashboard = await App.GetDashboardUrlAsync(timeout.Token);
        Telemetry = new DashboardTelemetry(new Uri(dashboard.GetLeftPart(UriPartial.Authority)), host.DashboardApiKey);
    }

    /// <summary>A token for the admin routes, minted as the README says: ./admin-token.sh ROLE, with this run's signing key.</summary>
    public Task<string> MintAdminTokenAsync() => AdminTokens.MintAsync(Gateway.BaseAddress!, AdminClientSecret);

    /// <summary>A client of <paramref name="address"/> (the gateway, a service) that sends a current admin token: one lives five minutes, the suite longer.</summary>
    public HttpClient AdminClient(Uri address) =>
        new(new AdminTokens.Handler(adminTokens ??= new AdminTokens.Cache(MintAdminTokenAsync)) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = address, Timeout = TimeSpan.FromSeconds(30),
        };

    private AdminTokens.Cache? adminTokens;

    /// <summary>Where the SMTP server delivers: what actually arrived over SMTP.</summary>
    public Maildir Mail => new(App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IMaildirServer>().Single().Maildir);

    /// <summary>Stops, starts or restarts a resource as the dashboard's buttons do, and waits for the state that caused.</summary>
    public ResourceLifecycle Resources { get; private set; } = null!;

    /// <summary>Publishes messages to the broker as another publisher would (new message ids): a redelivery, seen from a consumer.</summary>
    public Task PublishAsync(params object[] messages) =>
        WithBusAsync(async bus =>
        {
            foreach (var message in messages)
                await bus.Publish(message);
        });

    /// <summary>Sends messages straight to one queue (MassTransit's envelope, new message ids): only that queue's consumer sees them.</summary>
    public Task SendAsync(string queue, params object[] messages) =>
        WithBusAsync(async bus =>
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            foreach (var message in messages)
                await endpoint.Send(message);
        });

    private async Task WithBusAsync(Func<IBusControl, Task> use)
    {
        var broker = await App.GetConnectionStringAsync("messaging");
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(broker!)));
        await bus.StartAsync();
        try
        {
            await use(bus);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        Admin?.Dispose();
        Telemetry?.Dispose();
        if (App is not null)
        {
            var broker = await App.GetConnectionStringAsync("messaging");
            await App.DisposeAsync();
            await NoFunctionInstanceOutlivesAsync(broker!);
        }
        TestAppHost.TryDelete(host.PrivateDirectory);
        if (DataFolder is not null)
            TestAppHost.TryDelete(DataFolder.Path);
    }

    /// <summary>
    /// The activator's instances stop with it (ADR 0047): one left running after the run would hold ports and a
    /// broker connection on the machine until someone killed it. A leftover fails the run, named, and is killed.
    /// </summary>
    private static async Task NoFunctionInstanceOutlivesAsync(string broker)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<System.Diagnostics.Process> left;
        while ((left = FunctionsApi.InstancesOfRun(broker)).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        if (left.Count == 0)
            return;
        var named = string.Join(", ", left.Select(process => $"pid {process.Id}"));
        foreach (var process in left)
            process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"Function instances outlived the AppHost by 30 s and were killed: {named}.");
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
