using Platform.Gateway;
using Platform.Gateway.Admin;
using Platform.Gateway.DeadLetters;
using Platform.Gateway.Docs;
using Platform.Gateway.Policies;
using Platform.Gateway.Telemetry;
using Platform.Gateway.Topology;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGatewayLimits();
builder.AddAdminAuthentication();
builder.AddGatewayPolicies();
builder.AddGatewayTelemetry();
builder.AddTopology();
builder.AddDeadLetterErasure();
builder.Services.AddApiDocs();
builder.AddGatewayProxy();

var app = builder.Build();

app.UseForwardedHeaders(); // the client's address, from the trusted proxies' headers only (Gateway:Limits:TrustedProxies)
app.UseSecurityHeaders();
app.UsePlatformProblemDetails();
app.UseStaticFiles();
app.UseGatewayTelemetry();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapControlPlane();
app.MapTopology();
app.MapDeadLetters();
app.MapGatewayPages();
app.MapApiDocs();
app.MapGatewayProxy();

app.Run();
