using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.OpenApi;
using Platform.UserQuery;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.Services.AddPlatformOpenApi();
builder.AddUserQueryModule();
builder.AddPlatformBus(UserQueryModule.Bus);

var app = builder.Build();

app.UsePlatformService();
app.UseUserQueryModule();

app.Run();

public partial class Program;
