using MassTransit;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Migrations;
using Platform.UserQuery.Api;
using Platform.UserQuery.Application;
using Platform.UserQuery.Application.RebuildingReadModel;
using Platform.UserQuery.Infrastructure;
using Platform.UserQuery.Application.ProjectingProfiles;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("userquery-db");
builder.AddDatabaseMigrations("user-query", typeof(ReadModelSchema).Assembly);
builder.Services.AddOpenApi();
builder.Services.AddSingleton<IUserProfiles, PostgresUserProfiles>();
builder.Services.AddSingleton<IReadModelTables, PostgresReadModelSwap>();
builder.Services.AddSingleton<ReadModelRebuild>();
builder.Services.AddHttpClient<IUserEventHistory, UserCommandEventHistory>(http => http.BaseAddress = new Uri(UserCommandEventHistory.BaseAddress));
builder.AddPlatformBus(bus => bus.AddConsumers(typeof(UserRegisteredConsumer).Assembly));

var app = builder.Build();

app.UsePlatformProblemDetails();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapUserQueries();
app.MapReadModelAdmin();

app.Run();

public partial class Program;
