using Platform.ServiceDefaults.Identity;
using Platform.EventStore.History;
using Platform.EventStore.Progress;
using Platform.ServiceDefaults;
using Platform.UserCommand.Api;
using Platform.UserCommand.Infrastructure;
using Platform.UserCommand.Infrastructure.Identity;
using Platform.UserCommand.Infrastructure.Plugins;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.AddUserEventStore();
builder.AddAuthorizationServer();
builder.AddRegistrationPlugins();
builder.AddPlatformBus();
builder.AddUserCommandApi();

var app = builder.Build();

app.UsePlatformService();
app.UseAntiforgery(); // the sign-in page's form
app.MapUserCommands();
app.MapAccounts();
app.MapTokenEndpoint();
app.MapSignIn();
app.MapPluginAdmin();
app.MapShardAdmin();
app.MapEventStoreProgress();
app.MapEventStoreHistory(formerRoutes: "/api/admin/events");

app.Run();

public partial class Program;
