using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Gateway;

/// <summary>
/// A second gateway process beside the AppHost's, as a second replica behind a load balancer is: the same build, the
/// same environment (its database, its signing key, the services' addresses), its own port. Killed on dispose.
/// </summary>
public sealed class SecondGatewayInstance : IAsyncDisposable
{
    private readonly ResourceTwin process;

    private SecondGatewayInstance(ResourceTwin process, HttpClient admin)
    {
        this.process = process;
        Admin = admin;
    }

    /// <summary>A client of this instance with the fixture's admin token.</summary>
    public HttpClient Admin { get; }

    public static async Task<SecondGatewayInstance> StartAsync(PlatformFixture platform)
    {
        var process = await ResourceTwin.StartAsync(platform, "gateway", $"gateway/bin/{AppHostRuns.Configuration}/net10.0/Platform.Gateway.dll", "gateway-2", platform.AdminClient);
        return new SecondGatewayInstance(process, platform.AdminClient(process.Address));
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await process.DisposeAsync();
    }
}
