using MassTransit;
using Platform.Analytics.Api;
using Platform.Analytics.Infrastructure;
using Platform.Analytics.Infrastructure.InProcess;
using Platform.ServiceDefaults;

namespace Platform.Analytics;

/// <summary>
/// Analytics as one module. Its own service has every layer: the RabbitMQ stream as its log, the speed layer reading
/// it, the batch layer, the Kappa replay. In the monolith (ADR 0053) it counts the same events from the process's bus
/// into the same speed view and serves the same metrics; the log, the batch layer and the replay stay with the
/// distributed shape.
/// </summary>
public static class AnalyticsModule
{
    public static IHostApplicationBuilder AddAnalyticsModule(this IHostApplicationBuilder builder)
    {
        builder.AddAnalyticsViews();
        builder.AddAnalyticsLog();
        builder.AddSpeedLayer();
        builder.AddBatchLayer();
        builder.AddKappaReplay();
        builder.AddServingLayer();
        return builder;
    }

    public static WebApplication UseAnalyticsModule(this WebApplication app)
    {
        app.MapMetrics();
        app.MapLive();
        app.MapAnalyticsAdmin();
        return app;
    }

    /// <summary>The in-process speed layer's consumer, on the bus of a process of several modules.</summary>
    public static BusModule InProcessBus { get; } = new(typeof(AnalyticsModule).Namespace!, bus => bus.AddConsumer<BusSpeedCounter>());

    public static IHostApplicationBuilder AddInProcessAnalyticsModule(this IHostApplicationBuilder builder)
    {
        builder.AddAnalyticsViews();
        builder.AddInProcessSpeedLayer();
        builder.AddServingLayer();
        return builder;
    }

    public static WebApplication UseInProcessAnalyticsModule(this WebApplication app)
    {
        app.MapMetrics();
        app.MapLive();
        return app;
    }
}
