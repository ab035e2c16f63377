using Platform.Analytics;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.Services.AddPlatformOpenApi();
builder.AddAnalyticsModule();

var app = builder.Build();

app.UsePlatformService();
app.UseAnalyticsModule();

app.Run();

public partial class Program;
