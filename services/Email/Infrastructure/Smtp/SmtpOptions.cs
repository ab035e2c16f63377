using MailKit.Security;

namespace Platform.Email.Infrastructure.Smtp;

/// <summary>
/// The "Smtp" section. Host and port come from the "mail" connection string (smtp://host:port), which the AppHost
/// sets; point it, and these, at your own relay to send real mail.
/// </summary>
public sealed class SmtpOptions
{
    public const string ConnectionName = "mail";

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>None, Auto (STARTTLS when offered), StartTls or SslOnConnect.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Platform <no-reply@platform.localhost>";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many connections the sender keeps, so as many mails are in flight at once (ADR 0056). At most the bus's
    /// prefetch of a process's mail consumers are ever in flight; a relay may limit connections per client too.
    /// </summary>
    public int Connections { get; set; } = 4;
}
