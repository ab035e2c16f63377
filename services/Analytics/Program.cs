using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Analytics.Api;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Application.WatchingMetrics;
using Platform.Analytics.Infrastructure.Log;
using Platform.Analytics.Application.RecomputingBatch;
using Platform.Analytics.Application.Replaying;
using Platform.Analytics.Infrastructure.History;
using Platform.Analytics.Infrastructure.Views;
using Platform.ServiceDefaults;
using RabbitMQ.Client;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("analytics-db");
builder.Services.AddOpenApi();

// The log: a RabbitMQ stream bound to the integration events' exchanges, declared before anything reads it (ADR 0020).
builder.Services.Configure<AnalyticsLogOptions>(builder.Configuration.GetSection(AnalyticsLogOptions.Section));
builder.Services.AddSingleton<IConnectionFactory>(new ConnectionFactory
{
    Uri = new Uri(builder.Configuration.GetConnectionString(MessagingExtensions.ConnectionName)
        ?? throw new InvalidOperationException("Connection string 'messaging' is missing: run the service from the AppHost.")),
});
builder.Services.AddHostedService<ViewSchema>();
builder.Services.AddHostedService<LogTopology>();

// The speed layer: counters per minute, updated from the log, exactly once.
builder.Services.AddSingleton<ISpeedView, PostgresSpeedView>();
builder.Services.AddSingleton<CountingGate>();
builder.Services.AddHostedService<LogReader>();

// The batch layer: the same metrics recomputed from every event store, published with a watermark (ADR 0021).
builder.Services.Configure<BatchOptions>(builder.Configuration.GetSection(BatchOptions.Section));
builder.Services.Configure<EventHistoryOptions>(builder.Configuration.GetSection(EventHistoryOptions.Section));
builder.Services.AddHttpClient<IEventHistory, ServicesEventHistory>();
builder.Services.AddSingleton<IBatchView, PostgresBatchView>();
builder.Services.AddSingleton<BatchLayer>();
builder.Services.AddHostedService(services => services.GetRequiredService<BatchLayer>());

// The Kappa replay: the speed view rebuilt from the log from a point in time, into a shadow swapped in (ADR 0022).
builder.Services.AddSingleton<ILogReplay, StreamReplay>();
builder.Services.AddSingleton<IShadowView, PostgresShadowView>();
builder.Services.AddSingleton<KappaReplay>();

// The serving layer.
builder.Services.AddSingleton<IMetricsReader, PostgresMetricsReader>();
builder.Services.AddSingleton<MetricsQuery>();
builder.Services.AddSingleton<MetricsFeed>();
builder.Services.AddHostedService(services => services.GetRequiredService<MetricsFeed>());

var app = builder.Build();

app.UsePlatformProblemDetails();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapMetrics();
app.MapLive();
app.MapAnalyticsAdmin();

app.Run();

public partial class Program;
