using Platform.Email.Application;
using Platform.Email.Application.DeliveringMail;

namespace Platform.Email.Infrastructure.Smtp;

public static class SmtpExtensions
{
    /// <summary>The SMTP adapter behind <see cref="IMailSender"/>, configured from "Smtp" and the "mail" connection string.</summary>
    public static IHostApplicationBuilder AddSmtpMailSender(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>()
            .Bind(builder.Configuration.GetSection("Smtp"))
            .PostConfigure(options =>
            {
                if (builder.Configuration.GetConnectionString(SmtpOptions.ConnectionName) is { Length: > 0 } server)
                {
                    var uri = new Uri(server);
                    options.Host = uri.Host;
                    options.Port = uri.Port;
                }
            });
        builder.Services.AddSingleton<IMailSender, SmtpMailSender>();
        return builder;
    }
}
