using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Infrastructure;

/// <summary>An SMTP server is ready once it greets a new connection with 220, as SMTP servers do when ready.</summary>
public static class SmtpGreeting
{
    public static async Task<HealthCheckResult> CheckAsync(IResourceWithConnectionString server, CancellationToken ct)
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

    /// <summary>The resource is healthy, and so releases what waits for it, once it greets.</summary>
    public static IResourceBuilder<T> WithSmtpGreetingCheck<T>(this IResourceBuilder<T> server) where T : IResourceWithConnectionString
    {
        var name = $"{server.Resource.Name}_greeting";
        server.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(name, ct => CheckAsync(server.Resource, ct));
        return server.WithHealthCheck(name);
    }
}
