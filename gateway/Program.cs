using Platform.Gateway;
using Platform.Gateway.Admin;
using Platform.Gateway.Docs;
using Platform.Gateway.Policies;
using Platform.Gateway.Resilience;
using Platform.Gateway.Telemetry;
using Platform.Gateway.DeadLetters;
using Platform.Gateway.Topology;
using Platform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Yarp.ReverseProxy.Health;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.Configure<GatewayLimits>(builder.Configuration.GetSection(GatewayLimits.Section));
var limits = builder.Configuration.GetSection(GatewayLimits.Section).Get<GatewayLimits>() ?? new GatewayLimits();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
builder.AddAdminAuthentication();

// The control plane: per-service policies, stored in PostgreSQL and in force at once (ADR 0018).
builder.AddNpgsqlDataSource("gateway-db");
var policyReload = new PolicyReload();
((IConfigurationBuilder)builder.Configuration).Add(policyReload);
builder.Services.AddSingleton(policyReload);
builder.Services.Configure<ServicePolicy>(builder.Configuration.GetSection("Gateway:DefaultPolicy"));
builder.Services.AddSingleton<PolicyStore>();
builder.Services.AddSingleton<ServicePolicies>();
builder.Services.AddHostedService(services => services.GetRequiredService<ServicePolicies>());
builder.Services.AddClientRateLimits();

// The live topology and the per-route telemetry it shares with the dashboard.
builder.Services.AddSingleton<RouteTraffic>();
builder.Services.AddSingleton<ServiceDirectory>();
builder.Services.Configure<TopologyOptions>(builder.Configuration.GetSection(TopologyOptions.Section));
builder.Services.AddHttpClient<RabbitMqApi>();
builder.Services.AddTransient<RabbitMqManagement>();
builder.Services.AddTransient<DeadLetterQueues>();
builder.Services.AddHttpClient<EventStoreLag>();
builder.Services.AddTransient<LiveTopology>();
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(
    "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Polly"));

builder.Services.AddApiDocs();
builder.Services.Configure<ResilienceOptions>(builder.Configuration.GetSection(ResilienceOptions.Section));
builder.Services.AddSingleton<GatewayMetrics>();
builder.Services.AddSingleton<ClusterResilience>();
builder.Services.AddSingleton<FallbackCache>();
// Passive health: a destination is out after three transport failures in a row, for the cluster's reactivation period.
builder.Services.AddSingleton<IPassiveHealthCheckPolicy, ConsecutiveFailuresPassivePolicy>();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddConfigFilter<PolicyConfigFilter>()
    .AddServiceDiscoveryDestinationResolver()
    .AddTransforms(ServedByHeader.Add);

var app = builder.Build();
app.Services.GetRequiredService<RouteTraffic>(); // counts from the first request on

app.UseSecurityHeaders();
app.UsePlatformProblemDetails();
app.UseStaticFiles();
app.UseRouteMetricsTag();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapControlPlane();
app.MapTopology();
app.MapDeadLetters();
app.MapGatewayPages();
app.MapApiDocs();
app.MapReverseProxy(proxy =>
{
    // YARP's maintainers' pattern: the resilience step (circuit breaker and retry) first, then the three default steps it must keep.
    proxy.UseMiddleware<ClusterResilience>();
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

app.Run();
