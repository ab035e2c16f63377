namespace Platform.AppHost.Infrastructure.Containers;

/// <summary>
/// The SMTP server's image (deploy/images/smtp): aiosmtpd delivering to a Maildir, which a run binds to a folder on
/// this machine and a published manifest keeps in a volume.
/// </summary>
public sealed class SmtpContainerResource(string name, string maildir) : ContainerResource(name), IMaildirServer
{
    public const string EndpointName = "tcp";
    public const int Port = 2525;
    public const string MaildirTarget = "/var/mail/maildir";

    public string Maildir { get; } = maildir;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
