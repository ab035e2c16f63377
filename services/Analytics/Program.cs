using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Analytics.Api;
using Platform.Analytics.Application.CountingEvents;
using Platform.Analytics.Application.QueryingMetrics;
using Platform.Analytics.Application.WatchingMetrics;
using Platform.Analytics.Infrastructure.Log;
using Platform.Analytics.Infrastructure.SpeedView;
using Platform.ServiceDefaults;
using RabbitMQ.Client;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("analytics-db");
builder.Services.AddOpenApi();
builder.Services.TryAddSingleton(TimeProvider.System);

// The log: a RabbitMQ stream bound to the integration events' exchanges, declared before anything reads it (ADR 0020).
builder.Services.Configure<AnalyticsLogOptions>(builder.Configuration.GetSection(AnalyticsLogOptions.Section));
builder.Services.AddSingleton<IConnectionFactory>(new ConnectionFactory
{
    Uri = new Uri(builder.Configuration.GetConnectionString(MessagingExtensions.ConnectionName)
        ?? throw new InvalidOperationException("Connection string 'messaging' is missing: run the service from the AppHost.")),
});
builder.Services.AddHostedService<SpeedViewSchema>();
builder.Services.AddHostedService<LogTopology>();

// The speed layer: counters per minute, updated from the log, exactly once.
builder.Services.AddSingleton<ISpeedView, PostgresSpeedView>();
builder.Services.AddHostedService<LogReader>();

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

app.Run();

public partial class Program;
