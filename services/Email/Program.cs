using Platform.ServiceDefaults.OpenApi;
using Platform.ServiceDefaults.Identity;
using MassTransit;
using Platform.Email.Api;
using Platform.Email.Application.DeliveringMail;
using Platform.Email.Infrastructure.MailLog;
using Platform.Email.Infrastructure.Smtp;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPlatformAuthorization(); // every token checked here too: a caller who bypasses the gateway meets the same rules
builder.AddMailLog();
builder.AddSmtpMailSender();
builder.Services.AddScoped<MailDelivery>();
builder.AddPlatformBus(bus => bus.AddConsumers(typeof(MailDelivery).Assembly), MailRetries.Intervals);
builder.Services.AddPlatformOpenApi();

var app = builder.Build();

app.UsePlatformService();
app.MapMailQueries();

app.Run();

public partial class Program;
