using Platform.Chat.Api;
using Platform.Chat.Api.Live;
using Platform.Chat.Infrastructure;
using Platform.Chat.Infrastructure.Live;
using Platform.Chat.Infrastructure.Plugins;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // chat users are the system's signed-in users: every token checked here
builder.AddChatStore();
builder.AddPostingLimits();
builder.AddChatPlugins();
builder.AddChatApi();
builder.AddChatBackplane();
builder.AddChatHub();

var app = builder.Build();

app.UsePlatformService();
app.MapChat();
app.MapChatHub();

app.Run();

public partial class Program;
