using Microsoft.Extensions.Configuration;
using Platform.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// Real PostgreSQL and RabbitMQ: containers where an engine runs, local processes elsewhere (ADR 0002).
var infrastructure = builder.AddPlatformInfrastructure();
var messaging = infrastructure.Messaging;
var userCommandDb = infrastructure.AddDatabase("usercommand-db", "usercommand");
var userQueryDb = infrastructure.AddDatabase("userquery-db", "userquery");

var userCommand = builder.AddProject<Projects.Platform_UserCommand>("user-command", launchProfileName: null)
    .WithHttpEndpoint()
    .WithReference(userCommandDb).WaitFor(userCommandDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health");

var userQuery = builder.AddProject<Projects.Platform_UserQuery>("user-query", launchProfileName: null)
    .WithHttpEndpoint()
    .WithReference(userQueryDb).WaitFor(userQueryDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health");

// The only public entry point besides the dashboard: a fixed, documented port.
builder.AddProject<Projects.Platform_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", 8080))
    .WithExternalHttpEndpoints()
    .WithReference(userCommand).WaitFor(userCommand)
    .WithReference(userQuery).WaitFor(userQuery)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
