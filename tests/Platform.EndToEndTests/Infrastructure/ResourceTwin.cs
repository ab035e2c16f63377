using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// A process started beside one of the AppHost's resources with that resource's environment (its databases, its
/// secrets, the other services' addresses) and a port of its own, as a second replica, or a host of the same code
/// (a function), would run: the gateway's second instance, the register-user function. Killed on dispose.
/// </summary>
public sealed class ResourceTwin : IAsyncDisposable
{
    private ResourceTwin(TerminalRun process, Uri address, TimeSpan started) => (Process, Address, Started) = (process, address, started);

    public TerminalRun Process { get; }

    public Uri Address { get; }

    /// <summary>From the start of its process until it first answered /health.</summary>
    public TimeSpan Started { get; }

    /// <param name="resource">Whose environment the twin gets.</param>
    /// <param name="assembly">The twin's built assembly, from the repository's root.</param>
    /// <param name="serviceName">Its name in traces and logs.</param>
    /// <param name="probe">The client that asks its /health, if it must be one of the fixture's (null: an anonymous one).</param>
    public static async Task<ResourceTwin> StartAsync(PlatformFixture platform, string resource, string assembly, string serviceName, Func<Uri, HttpClient>? probe = null)
    {
        var model = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Single(r => r.Name == resource);
        var configuration = await ExecutionConfigurationBuilder.Create(model).WithEnvironmentVariablesConfig()
            .BuildAsync(platform.App.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, CancellationToken.None);
        Assert.Null(configuration.Exception);
        var environment = configuration.EnvironmentVariables.ToDictionary(e => e.Key, e => (string?)e.Value);
        foreach (var bound in environment.Keys.Where(name => name is "HTTP_PORTS" or "HTTPS_PORTS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS").ToList())
            environment.Remove(bound);
        var address = new Uri($"http://127.0.0.1:{AppHostRuns.FreePort()}");
        environment["ASPNETCORE_URLS"] = address.ToString();
        environment["OTEL_SERVICE_NAME"] = serviceName;
        var path = Path.Combine(TerminalRun.RepositoryRoot, assembly);
        environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(path); // its appsettings.json beside the assembly

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var process = TerminalRun.Start("dotnet", [path], environment);
        using var health = probe?.Invoke(address) ?? new HttpClient { BaseAddress = address };
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                using var answer = await health.GetAsync(new Uri(address, "/health"));
                return answer.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                Assert.False(process.HasExited, $"{serviceName} exited; it printed:{Environment.NewLine}{process.Output}");
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"{serviceName} to answer /health");
        return new ResourceTwin(process, address, clock.Elapsed);
    }

    public async ValueTask DisposeAsync() => await Process.DisposeAsync();
}
