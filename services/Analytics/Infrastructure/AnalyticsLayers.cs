using Platform.ServiceDefaults.Identity;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Application.RecomputingBatch;
using Platform.Analytics.Application.Replaying;
using Platform.Analytics.Application.WatchingMetrics;
using Npgsql;
using Platform.Analytics.Infrastructure.History;
using Platform.Analytics.Infrastructure.InProcess;
using Platform.Analytics.Infrastructure.Log;
using Platform.Analytics.Infrastructure.Views;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Migrations;
using RabbitMQ.Client;

namespace Platform.Analytics.Infrastructure;

/// <summary>The service's parts, one method each, in the order they must start: views, log, then the layers that use them.</summary>
public static class AnalyticsLayers
{
    public const string DatabaseName = "analytics-db";

    /// <summary>
    /// The views' database, its tables migrated before anything reads or writes them. The speed and batch views each
    /// keep generations: a replay or a batch run builds a new generation beside the one being served, and
    /// <c>analytics.views</c> names the generation in force (and the batch view's watermark), so one row's update
    /// swaps a whole view atomically (V1__views.sql).
    /// </summary>
    public static IHostApplicationBuilder AddAnalyticsViews(this IHostApplicationBuilder builder)
    {
        builder.AddKeyedNpgsqlDataSource(DatabaseName); // keyed: a process of several modules holds each module's own
        builder.AddDatabaseMigrations("analytics", typeof(AnalyticsLayers).Assembly, DatabaseName);
        return builder;
    }

    /// <summary>The log: a RabbitMQ stream bound to the integration events' exchanges, declared before anything reads it (ADR 0020).</summary>
    public static IHostApplicationBuilder AddAnalyticsLog(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<AnalyticsLogOptions>(builder.Configuration.GetSection(AnalyticsLogOptions.Section));
        builder.Services.AddSingleton<IConnectionFactory>(new ConnectionFactory
        {
            Uri = new Uri(builder.Configuration.GetConnectionString(MessagingExtensions.ConnectionName)
                ?? throw new InvalidOperationException("Connection string 'messaging' is missing: run the service from the AppHost.")),
        });
        builder.Services.AddHostedService<LogTopology>();
        builder.Services.AddHostedService<LogWriter>();
        return builder;
    }

    /// <summary>The speed layer: counters per minute, updated from the log, exactly once.</summary>
    public static IHostApplicationBuilder AddSpeedLayer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISpeedView>(services =>
            new PostgresSpeedView(services.GetRequiredKeyedService<NpgsqlDataSource>(DatabaseName), PostgresSpeedView.StreamPosition));
        builder.Services.AddSingleton<CountingGate>();
        builder.Services.AddHostedService<LogReader>();
        return builder;
    }

    /// <summary>
    /// The speed layer in a process of several modules (the monolith, ADR 0053): the same view, counted from the
    /// process's own bus by <see cref="BusSpeedCounter"/> (its consumer is <see cref="AnalyticsModule.InProcessBus"/>'s).
    /// </summary>
    public static IHostApplicationBuilder AddInProcessSpeedLayer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISpeedView>(services =>
            new PostgresSpeedView(services.GetRequiredKeyedService<NpgsqlDataSource>(DatabaseName), reader: null));
        builder.Services.AddSingleton<CountingGate>();
        return builder;
    }

    /// <summary>The batch layer: the same metrics recomputed from every event store, published with a watermark (ADR 0021).</summary>
    public static IHostApplicationBuilder AddBatchLayer(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<BatchOptions>(builder.Configuration.GetSection(BatchOptions.Section));
        builder.Services.Configure<EventHistoryOptions>(builder.Configuration.GetSection(EventHistoryOptions.Section));
        builder.Services.AddHttpClient<IEventHistory, ServicesEventHistory>().WithServiceToken(); // the histories are protected routes
        builder.Services.AddSingleton<IBatchView, PostgresBatchView>();
        builder.Services.AddSingleton<BatchLayer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BatchLayer>());
        return builder;
    }

    /// <summary>The Kappa replay: the speed view rebuilt from the log from a point in time, into a shadow swapped in (ADR 0022).</summary>
    public static IHostApplicationBuilder AddKappaReplay(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ILogReplay, StreamReplay>();
        builder.Services.AddSingleton<IShadowView, PostgresShadowView>();
        builder.Services.AddSingleton<KappaReplay>();
        return builder;
    }

    /// <summary>The serving layer: the merged views by window, and the live feed.</summary>
    public static IHostApplicationBuilder AddServingLayer(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMetricsReader, PostgresMetricsReader>();
        builder.Services.AddSingleton<MetricsQuery>();
        builder.Services.AddSingleton<MetricsFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MetricsFeed>());
        return builder;
    }
}
