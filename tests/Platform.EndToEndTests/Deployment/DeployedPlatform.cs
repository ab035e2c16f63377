using System.Diagnostics;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Deployment;

/// <summary>
/// The whole system deployed as ./deploy.sh deploys it (images, manifests rendered from the AppHost, podman kube play),
/// under a deployment name of its own, so that it never touches the data of the machine's own deployment, on free
/// host ports; removed with its volumes at the end. Does nothing where podman cannot run: the tests are skipped there.
/// </summary>
public sealed class DeployedPlatform : IAsyncLifetime
{
    public const string Name = "platform-test";
    private static readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(15);

    public int GatewayPort { get; } = AppHostRuns.FreePort();

    public int DashboardPort { get; } = AppHostRuns.FreePort();

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The generated passwords and keys, as deploy.sh keeps them: the admin signing key, the dashboard's API key.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; private set; } = new Dictionary<string, string>();

    /// <summary>How long ./deploy.sh took, images included, for the figures.</summary>
    public TimeSpan DeployTime { get; private set; }

    public async Task InitializeAsync()
    {
        if (Podman.SkipReason.Value is not null)
            return;
        var clock = Stopwatch.StartNew();
        await RunDeployAsync(TerminalRun.RepositoryRoot);
        DeployTime = clock.Elapsed;

        Gateway = new HttpClient { BaseAddress = new Uri($"http://localhost:{GatewayPort}"), Timeout = TimeSpan.FromSeconds(15) };
        var parameters = Path.Combine(TerminalRun.RepositoryRoot, ".data", "deploy", Name, "parameters.json");
        Parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(parameters))!;
    }

    /// <summary>Runs ./deploy.sh of a checkout with the options given, as this deployment (or another <paramref name="name"/>); returns what it printed.</summary>
    public async Task<string> RunDeployAsync(string checkout, string? options = null, string name = Name, bool expectSuccess = true)
    {
        var environment = new Dictionary<string, string?>(Podman.Environment)
        {
            ["PLATFORM_DEPLOY_NAME"] = name,
            ["PLATFORM_GATEWAY_PORT"] = GatewayPort.ToString(),
            ["PLATFORM_DASHBOARD_PORT"] = DashboardPort.ToString(),
        };
        await using var deploy = TerminalRun.Start("bash", [Path.Combine(checkout, "deploy.sh"), .. options?.Split(' ') ?? []], environment);
        await deploy.WaitForExitAsync(DeployTimeout);
        var command = $"{checkout}/deploy.sh {options}".TrimEnd();
        if (expectSuccess)
            Assert.True(deploy.ExitCode == 0, $"{command} failed ({deploy.ExitCode}):{Environment.NewLine}{deploy.Output}");
        else
            Assert.True(deploy.ExitCode != 0, $"{command} succeeded, and should not have:{Environment.NewLine}{deploy.Output}");
        return deploy.Output;
    }

    /// <summary>The main process of a service's container, as podman names it: the pod, a dash, the container.</summary>
    public static string ContainerOf(string service) => $"{service}-{service}";

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (Podman.SkipReason.Value is not null)
            return;
        await RunDeployAsync(TerminalRun.RepositoryRoot, "--down --volumes");
    }
}
