using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Platform.AppHost.Infrastructure.LocalProcesses;

namespace Platform.AppHost.Supervision;

/// <summary>What the person at the terminal reads: where the data lives, that the system is ready, or what failed.</summary>
public sealed class TerminalReport(
    DistributedApplicationModel model,
    ResourceLogTail logs,
    IConfiguration configuration,
    IOptions<SupervisionOptions> options,
    TimeProvider clock,
    LocalDataFolder? dataFolder = null)
{
    /// <summary>Set by run.sh (Unix milliseconds) so the start-up time includes the build the person waited for.</summary>
    public const string StartedAtVariable = "PLATFORM_RUN_STARTED_AT";

    public void Starting()
    {
        if (dataFolder is not null)
            Console.WriteLine($"Platform: local servers keep their data in {dataFolder}");
    }

    public void Ready()
    {
        var lines = new List<string> { "", $"Platform is ready ({Elapsed().TotalSeconds:0.0} s after the start)" };
        lines.AddRange(PublicEndpoints().Select(endpoint => $"  {endpoint.Name,-10} {endpoint.Url}"));
        if (DashboardLoginUrl() is { } dashboard)
            lines.Add($"  {"dashboard",-10} {dashboard}");
        if (dataFolder is not null)
            lines.Add($"  {"data",-10} {dataFolder}");
        lines.Add("Stop with Ctrl+C.");
        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }

    public async Task<ResourceFailure> FailedAsync(string resource, string reason, CancellationToken ct, bool stillRunning = false)
    {
        var failure = new ResourceFailure(resource, reason, await logs.LastLinesAsync(resource, options.Value.LogLines, ct));
        var consequence = !stillRunning ? "The Platform cannot start without it: stopping everything that was started."
            : options.Value.RestartExitedServices && model.Resources.FirstOrDefault(r => r.Name == resource) is ProjectResource
                ? "The other resources keep running; the restart policy starts it again."
                : "The other resources keep running; restart it from the dashboard, or stop with Ctrl+C.";
        await Console.Error.WriteLineAsync($"{Environment.NewLine}Platform: {failure}{Environment.NewLine}{consequence}{Environment.NewLine}");
        return failure;
    }

    private IEnumerable<(string Name, string Url)> PublicEndpoints() =>
        from resource in model.Resources.OfType<IResourceWithEndpoints>()
        from endpoint in resource.GetEndpoints()
        where endpoint.EndpointAnnotation.IsExternal && endpoint.IsAllocated
        select (resource.Name, endpoint.Url);

    private string? DashboardLoginUrl()
    {
        var url = configuration["ASPNETCORE_URLS"]?.Split(';')[0];
        var token = configuration["AppHost:BrowserToken"];
        return url is null ? null : token is null ? url : $"{url.TrimEnd('/')}/login?t={token}";
    }

    private TimeSpan Elapsed()
    {
        var startedAt = long.TryParse(Environment.GetEnvironmentVariable(StartedAtVariable), out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : new DateTimeOffset(Process.GetCurrentProcess().StartTime);
        return clock.GetUtcNow() - startedAt;
    }
}
