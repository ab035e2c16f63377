using MassTransit;
using Platform.Email.Api;
using Platform.Email.Application;
using Platform.Email.Infrastructure.MailLog;
using Platform.Email.Infrastructure.Smtp;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Migrations;
using Platform.Email.Application.DeliveringMail;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDataSource("email-db");
builder.AddDatabaseMigrations("email", typeof(MailLogSchema).Assembly);
builder.AddSmtpMailSender();
builder.Services.AddOpenApi();
builder.Services.AddSingleton<IMailLog, PostgresMailLog>();
builder.Services.AddScoped<MailDelivery>();
builder.AddPlatformBus(bus => bus.AddConsumers(typeof(MailDelivery).Assembly), MailRetries.Intervals);

var app = builder.Build();

app.UsePlatformProblemDetails();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapMailQueries();

app.Run();

public partial class Program;
