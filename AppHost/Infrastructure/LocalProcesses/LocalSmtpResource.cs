namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>A real SMTP server (aiosmtpd) run by scripts/smtp-local.sh, delivering every mail to a Maildir; loopback only.</summary>
public sealed class LocalSmtpResource(string name, string workingDirectory, string dataDirectory)
    : LocalServerResource(name, workingDirectory), IMaildirServer
{
    public string Maildir { get; } = Path.Combine(dataDirectory, "maildir");

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
