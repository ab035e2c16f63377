using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Infrastructure.LocalProcesses;

public static class LocalSmtpBuilderExtensions
{
    public static IResourceBuilder<LocalSmtpResource> AddLocalSmtp(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, int? port)
    {
        var server = new LocalSmtpResource(name, builder.AppHostDirectory, dataDirectory);
        return builder.AddLocalServer(server, "smtp-local.sh", dataDirectory, port, "SMTP_PORT", ct => GreetsAsync(server, ct));
    }

    /// <summary>Healthy once the server greets a new connection with 220, as SMTP servers do when ready.</summary>
    private static async Task<HealthCheckResult> GreetsAsync(LocalSmtpResource server, CancellationToken ct)
    {
        var uri = new Uri((await server.ConnectionStringExpression.GetValueAsync(ct))!);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port, ct);
        var greeting = new byte[256];
        var read = await client.GetStream().ReadAsync(greeting, ct);
        var text = Encoding.ASCII.GetString(greeting, 0, read);
        return text.StartsWith("220", StringComparison.Ordinal)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"unexpected greeting: {text.Trim()}");
    }
}
