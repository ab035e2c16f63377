using MassTransit;
using Platform.Email.Api;
using Platform.Email.Application.DeliveringMail;
using Platform.Email.Infrastructure.MailLog;
using Platform.Email.Infrastructure.Smtp;
using Platform.ServiceDefaults;

namespace Platform.Email;

/// <summary>The mails as one module, in its own service or in the monolith (ADR 0053).</summary>
public static class EmailModule
{
    /// <summary>Its consumers keep their slow retries (an SMTP server may be down for minutes) on any bus.</summary>
    public static BusModule Bus { get; } = new(typeof(EmailModule).Namespace!, bus => bus.AddConsumers(typeof(MailDelivery).Assembly), MailRetries.Intervals);

    public static IHostApplicationBuilder AddEmailModule(this IHostApplicationBuilder builder)
    {
        builder.AddMailLog();
        builder.AddSmtpMailSender();
        builder.Services.AddScoped<MailDelivery>();
        return builder;
    }

    public static WebApplication UseEmailModule(this WebApplication app)
    {
        app.MapMailQueries();
        return app;
    }
}
