using Platform.Functions.Activator;
using Platform.Functions.Activator.Scaling;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;
using RabbitMQ.Client;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // PATCH /api/admin/functions/{name}: an admin's token
builder.Services.Configure<Dictionary<string, FunctionOptions>>(builder.Configuration.GetSection(FunctionOptions.Section));
builder.Services.AddHttpForwarder();
builder.Services.AddSingleton<FunctionPools>();
builder.Services.AddSingleton<ActivatorMetrics>();
builder.Services.AddSingleton<IConnectionFactory>(new ConnectionFactory
{
    Uri = new Uri(builder.Configuration.GetConnectionString("messaging")
        ?? throw new InvalidOperationException("Connection string 'messaging' is missing: the queue-triggered functions scale by their queues.")),
});
builder.Services.AddSingleton<QueueDeliveries>();
builder.Services.AddSingleton<QueueDepths>();
builder.Services.AddHostedService<Autoscaler>();
builder.Services.AddOpenTelemetry()
    .WithMetrics(metrics => metrics.AddMeter(ActivatorMetrics.MeterName))
    .WithTracing(tracing => tracing.AddSource(ActivatorMetrics.MeterName));

var app = builder.Build();

app.UsePlatformProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapFunctions();

app.Run();
