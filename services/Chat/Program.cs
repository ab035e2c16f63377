using Platform.Chat.Api;
using Platform.Chat.Infrastructure;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // chat users are the system's signed-in users: every token checked here
builder.AddChatStore();
builder.AddPostingLimits();
builder.AddChatApi();

var app = builder.Build();

app.UsePlatformService();
app.MapChat();

app.Run();

public partial class Program;
