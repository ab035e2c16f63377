using OpenTelemetry.Metrics;

namespace Platform.Gateway.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The per-route traffic the topology shows, and the framework meters the dashboard shows beside the gateway's own.</summary>
    public static IHostApplicationBuilder AddGatewayTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RouteTraffic>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(
            "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Polly"));
        return builder;
    }

    /// <summary>Tags each request's metrics with its route, and counts the routes' traffic from the first request on.</summary>
    public static WebApplication UseGatewayTelemetry(this WebApplication app)
    {
        app.Services.GetRequiredService<RouteTraffic>();
        app.UseRouteMetricsTag();
        return app;
    }
}
