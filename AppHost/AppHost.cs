using Microsoft.Extensions.Configuration;
using Platform.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// Real PostgreSQL and RabbitMQ: containers where an engine runs, local processes elsewhere (ADR 0002).
var infrastructure = builder.AddPlatformInfrastructure();
var messaging = infrastructure.Messaging;
var userCommandDb = infrastructure.AddDatabase("usercommand-db", "usercommand");
var userQueryDb = infrastructure.AddDatabase("userquery-db", "userquery");

// Endpoints are not proxied (here and in the local servers): requests go straight to each process, as they would
// in production, instead of through one more hop in Aspire's orchestrator on every call.
var userCommand = builder.AddProject<Projects.Platform_UserCommand>("user-command", launchProfileName: null)
    .WithHttpEndpoint(isProxied: false)
    .WithReference(userCommandDb).WaitFor(userCommandDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health");

var userQuery = builder.AddProject<Projects.Platform_UserQuery>("user-query", launchProfileName: null)
    .WithHttpEndpoint(isProxied: false)
    .WithReference(userQueryDb).WaitFor(userQueryDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health");

// The only public entry point besides the dashboard: a fixed, documented port (tests leave it empty: any free port).
builder.AddProject<Projects.Platform_Gateway>("gateway", launchProfileName: null)
    .WithHttpEndpoint(port: builder.Configuration.GetValue<int?>("Gateway:Port"), isProxied: false)
    .WithExternalHttpEndpoints()
    .WithReference(userCommand).WaitFor(userCommand)
    .WithReference(userQuery).WaitFor(userQuery)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
