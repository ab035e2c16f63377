using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using System.Net;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// A second gateway process beside the AppHost's, as a second replica behind a load balancer is: the same build, the
/// same environment (its database, its signing key, the services' addresses), its own port. Killed on dispose.
/// </summary>
public sealed class SecondGatewayInstance : IAsyncDisposable
{
    private readonly TerminalRun process;

    private SecondGatewayInstance(TerminalRun process, HttpClient admin)
    {
        this.process = process;
        Admin = admin;
    }

    /// <summary>A client of this instance with the fixture's admin token.</summary>
    public HttpClient Admin { get; }

    public static async Task<SecondGatewayInstance> StartAsync(PlatformFixture platform)
    {
        var gateway = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Single(r => r.Name == "gateway");
        var configuration = await ExecutionConfigurationBuilder.Create(gateway).WithEnvironmentVariablesConfig()
            .BuildAsync(platform.App.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, CancellationToken.None);
        Assert.Null(configuration.Exception);
        var environment = configuration.EnvironmentVariables.ToDictionary(e => e.Key, e => (string?)e.Value);
        var port = AppHostRuns.FreePort();
        foreach (var bound in environment.Keys.Where(name => name is "HTTP_PORTS" or "HTTPS_PORTS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS").ToList())
            environment.Remove(bound);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["OTEL_SERVICE_NAME"] = "gateway-2";

        var output = Path.Combine(Path.GetDirectoryName(gateway.GetProjectMetadata().ProjectPath)!, "bin", AppHostRuns.Configuration, "net10.0");
        var assembly = Path.Combine(output, "Platform.Gateway.dll");
        environment["ASPNETCORE_CONTENTROOT"] = output; // its appsettings.json (routes, clusters) beside the assembly
        var process = TerminalRun.Start("dotnet", [assembly], environment);

        var admin = platform.AdminClient(new Uri($"http://127.0.0.1:{port}"));
        var instance = new SecondGatewayInstance(process, admin);
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                using var health = await admin.GetAsync("/health");
                return health.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                Assert.False(process.HasExited, $"the second gateway exited; it printed:{Environment.NewLine}{process.Output}");
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the second gateway instance to answer /health");
        return instance;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await process.DisposeAsync();
    }
}
