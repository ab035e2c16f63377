using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Infrastructure.LocalProcesses;

public static class LocalServerBuilderExtensions
{
    /// <summary>
    /// Adds a local server: its script gets the data folder as argument and its port in <paramref name="portVariable"/>;
    /// the resource is healthy (so WaitFor releases dependents) once <paramref name="isReady"/> succeeds.
    /// </summary>
    public static IResourceBuilder<T> AddLocalServer<T>(
        this IDistributedApplicationBuilder builder, T server, string script, string dataDirectory, int? port,
        string portVariable, Func<CancellationToken, Task<HealthCheckResult>> isReady)
        where T : LocalServerResource
    {
        var healthCheck = $"{server.Name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, isReady);

        return builder.AddResource(server)
            .WithArgs(Path.Combine(builder.AppHostDirectory, "scripts", script), dataDirectory)
            .WithEndpoint(port: port, scheme: "tcp", isProxied: false, name: LocalServerResource.EndpointName, env: portVariable)
            .WithHealthCheck(healthCheck);
    }
}
