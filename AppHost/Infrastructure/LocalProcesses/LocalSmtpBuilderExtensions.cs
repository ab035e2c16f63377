namespace Platform.AppHost.Infrastructure.LocalProcesses;

public static class LocalSmtpBuilderExtensions
{
    public static IResourceBuilder<LocalSmtpResource> AddLocalSmtp(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, int? port)
    {
        var server = new LocalSmtpResource(name, builder.AppHostDirectory, dataDirectory);
        return builder.AddLocalServer(server, "smtp-local.sh", dataDirectory, port, "SMTP_PORT", ct => SmtpGreeting.CheckAsync(server, ct));
    }
}
