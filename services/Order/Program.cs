using Platform.Ordering;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.Services.AddPlatformOpenApi();
builder.AddOrderModule();
builder.AddPlatformBus(OrderModule.Bus);

var app = builder.Build();

app.UsePlatformService();
app.UseOrderModule();

app.Run();

public partial class Program;
