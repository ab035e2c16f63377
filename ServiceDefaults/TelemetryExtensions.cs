using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>Traces, metrics and logs over OTLP, to the Aspire dashboard or any collector.</summary>
public static class TelemetryExtensions
{
    /// <summary>Sources beyond ASP.NET Core and HttpClient whose spans make a trace cross the bus and the store.</summary>
    public static readonly string[] PlatformActivitySources =
        ["MassTransit", "Marten", PlatformActivity.SourceName, "Platform.Plugins", "Microsoft.AspNetCore.SignalR.Server"]; // plugins' hooks; a hub's method calls

    public static TBuilder ConfigurePlatformTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("MassTransit", "Marten", "Platform.*"))
            .WithTracing(tracing => tracing
                // Background work is exported only when it fails or is slow, users' traces at the configured ratio, and
                // failed entry spans always; the processor is added before the exporter, which UseOtlpExporter below appends, so it decides first.
                .SetSampler(TraceSampling.For(builder.Configuration))
                .AddProcessor(new KeepFailedSpansProcessor())
                .AddSource(PlatformActivitySources)
                .AddAspNetCoreInstrumentation(aspnet =>
                {
                    aspnet.Filter = context => !IsHealthProbe(context.Request.Path);
                    aspnet.EnrichWithHttpRequest = Identity.QueryStringTokens.RedactFromSpan;
                })
                // The gateway's active health checks probe every instance every few seconds: not a user's request.
                .AddHttpClientInstrumentation(http =>
                    http.FilterHttpRequestMessage = request => request.RequestUri is not { } uri || !IsHealthProbe(uri.AbsolutePath))
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Services.AddHostedService<TelemetryFlushOnStop>();
        }

        return builder;
    }

    private static bool IsHealthProbe(string path) => IsHealthProbe(new Microsoft.AspNetCore.Http.PathString(path));

    private static bool IsHealthProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath) || path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath);
}
