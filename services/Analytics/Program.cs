using Platform.ServiceDefaults.OpenApi;
using Platform.ServiceDefaults.Identity;
using Platform.Analytics.Api;
using Platform.Analytics.Infrastructure;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.Services.AddPlatformOpenApi();
builder.AddAnalyticsViews();
builder.AddAnalyticsLog();
builder.AddSpeedLayer();
builder.AddBatchLayer();
builder.AddKappaReplay();
builder.AddServingLayer();

var app = builder.Build();

app.UsePlatformService();
app.MapMetrics();
app.MapLive();
app.MapAnalyticsAdmin();

app.Run();

public partial class Program;
