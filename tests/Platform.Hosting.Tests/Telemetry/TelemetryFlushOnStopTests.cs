using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults;

namespace Platform.Hosting.Tests.Telemetry;

/// <summary>
/// A service stops within a bound however slow its collector is: a dashboard busy under load held each stopping
/// service up to 5 s per signal, and the orchestrator gave up on the stop (a clean-clone run of 2026-12-07).
/// </summary>
public sealed class TelemetryFlushOnStopTests
{
    [Fact]
    public async Task A_collector_that_never_answers_holds_a_stopping_service_for_the_flush_budget_not_five_seconds_a_signal()
    {
        // Accepts connections (the kernel's backlog does) and never answers: an export waits out its own timeout, 10 s.
        var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}";
            builder.ConfigurePlatformTelemetry();
            var host = builder.Build();
            await host.StartAsync();
            // Logs and metrics waiting to be exported when the stop comes.
            var logger = host.Services.GetRequiredService<ILogger<TelemetryFlushOnStopTests>>();
            for (var i = 0; i < 100; i++)
                logger.LogInformation("Work {Index} done", i);

            var stopping = Stopwatch.StartNew();
            await host.StopAsync();
            host.Dispose();

            // About 1 s here; without the flush, 10.0 s. The slack is for a busy machine's stop and disposal, and stays
            // well under what the unbounded shutdown takes, so the test can still fail.
            Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TelemetryFlushOnStop.DefaultBudget + TimeSpan.FromSeconds(4));
        }
        finally
        {
            blackHole.Stop();
        }
    }
}
