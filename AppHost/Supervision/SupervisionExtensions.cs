using Platform.AppHost.Infrastructure.LocalProcesses;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost.Supervision;

public static class SupervisionExtensions
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>Fail fast and loudly while starting, say when the system is ready (see <see cref="StartupSupervisor"/>).</summary>
    public static IDistributedApplicationBuilder AddStartupSupervision(this IDistributedApplicationBuilder builder)
    {
        var outcome = new StartupOutcome();
        builder.Services.AddSingleton(outcome);
        builder.Services.Configure<SupervisionOptions>(builder.Configuration.GetSection("Supervision"));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ResourceLogTail>();
        builder.Services.AddSingleton<TerminalReport>();
        builder.Services.AddHostedService<StartupSupervisor>();
        // Stopping a start that failed cancels Aspire's own start-up, which the host then logs as a failure with a
        // stack trace of its own: noise under the report that already named the resource and showed its log.
        builder.Services.AddLogging(logging => logging.AddFilter(HostCategory, level => !outcome.HasFailed && level >= LogLevel.Information));
        return builder;
    }

    /// <summary>Runs the application and returns the process exit code: non-zero when the start failed.</summary>
    public static async Task<int> RunSupervisedAsync(this DistributedApplication app)
    {
        var outcome = app.Services.GetRequiredService<StartupOutcome>();
        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException) when (outcome.HasFailed)
        {
            // the supervisor stopped the start; it has said why
        }
        // Back at the prompt means stopped: a second run started at once finds the ports and the data free.
        var processes = ResourceProcesses.Current(
            app.Services.GetRequiredService<DistributedApplicationModel>(), app.Services.GetRequiredService<ResourceNotificationService>(), outcome.HasFailed);
        var stopped = await ResourceProcesses.WaitForExitAsync(processes);
        // Then what the local servers left behind their scripts (RabbitMQ's VM outlived its script, killed while the VM
        // was still shutting down under load): told to stop, and waited for, as a server still writing its data folder
        // would refuse the next run.
        if (stopped && app.Services.GetService<LocalDataFolder>() is { } data && ResourceProcesses.Mentioning(data.Path) is { Count: > 0 } left)
        {
            await ResourceProcesses.TerminateAsync(left);
            stopped = await ResourceProcesses.WaitForExitAsync(left);
        }
        return stopped ? outcome.ExitCode : 1;
    }
}
