using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// Flushes what is left of the traces, metrics and logs once every hosted service has stopped, within one budget
/// (<c>Telemetry:FlushOnStop</c>, 1 s by default) for the three together. Left to disposal, each provider waits up to
/// 5 s in turn: 15 s behind a collector that is slow under load, past the 13 s an orchestrator (Aspire's DCP) waits
/// before it gives up on the stop and leaves the service down (a clean-clone run of 2026-12-07). Once shut down
/// here, a provider's own shutdown at disposal returns at once.
/// </summary>
public sealed class TelemetryFlushOnStop(IServiceProvider services, IConfiguration configuration) : IHostedLifecycleService
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(1);

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var budget = (int)(configuration.GetValue<TimeSpan?>("Telemetry:FlushOnStop") ?? DefaultBudget).TotalMilliseconds;
        var shutdowns = new List<Action>();
        if (services.GetService<TracerProvider>() is { } traces)
            shutdowns.Add(() => traces.Shutdown(budget));
        if (services.GetService<MeterProvider>() is { } metrics)
            shutdowns.Add(() => metrics.Shutdown(budget));
        if (services.GetService<LoggerProvider>() is { } logs)
            shutdowns.Add(() => logs.Shutdown(budget));
        // Each blocks a thread of its own (not the pool's, which a loaded process may be slow to give) until its exporter
        // is done or its budget is spent: side by side, the three take one budget.
        return Task.WhenAll(shutdowns.Select(shutdown => Task.Factory.StartNew(shutdown, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
