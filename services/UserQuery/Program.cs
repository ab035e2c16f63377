using Platform.ServiceDefaults.OpenApi;
using Platform.ServiceDefaults.Identity;
using MassTransit;
using Platform.ServiceDefaults;
using Platform.UserQuery.Api;
using Platform.UserQuery.Application.ProjectingProfiles;
using Platform.UserQuery.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.AddReadModel();
builder.AddReadModelRebuild();
builder.AddPlatformBus(bus => bus.AddConsumers(typeof(UserRegisteredConsumer).Assembly));
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UsePlatformService();
app.MapUserQueries();
app.MapReadModelAdmin();

app.Run();

public partial class Program;
