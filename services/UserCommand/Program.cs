using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;
using Platform.ServiceDefaults.OpenApi;
using Platform.UserCommand;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.Services.AddPlatformOpenApi();
builder.AddUserCommandModule();
builder.AddPlatformBus(UserCommandModule.Bus);

var app = builder.Build();

app.UsePlatformService();
app.UseUserCommandModule();

app.Run();

public partial class Program;
