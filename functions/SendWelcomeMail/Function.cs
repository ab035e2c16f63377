using MassTransit;
using Platform.Email.Application.DeliveringMail;
using Platform.Email.Application.SendingWelcomeMail;
using Platform.Email.Infrastructure.MailLog;
using Platform.Email.Infrastructure.Smtp;
using Platform.ServiceDefaults;

namespace Platform.Functions.SendWelcomeMail;

/// <summary>
/// The send-welcome-mail function (issue 23, ADR 0046): consumes <c>AccountActivationRequested</c> from a queue of its
/// own and sends the welcome mail with the email service's handler. Both claim the mail in the same mail log
/// (ADR 0009), so each registration gets one welcome mail, whichever handles it first. The host is thin: one consumer,
/// no schema change (the email service owns the log's table), ready once the bus is, and gone on SIGTERM, when an
/// unacknowledged message goes back to the queue.
/// </summary>
public static class Function
{
    /// <summary>Its queue, bound to the event's exchange; the activator scales the function by its depth.</summary>
    public const string Queue = "send-welcome-mail";

    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.AddServiceDefaults();
        builder.AddMailLog(appliesSchema: false);
        builder.AddSmtpMailSender();
        builder.Services.AddScoped<MailDelivery>();
        builder.AddPlatformBus(bus => bus.AddConsumer<AccountActivationRequestedConsumer>().Endpoint(endpoint => endpoint.Name = Queue),
            MailRetries.Intervals);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.Run();
    }
}
