using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost.Infrastructure;
using Platform.AppHost.Infrastructure.LocalProcesses;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// The AppHost in the monolith shape (<c>./run.sh --monolith</c>, ADR 0053): PostgreSQL and the SMTP server, and one
/// process, "platform", on the gateway's port. Its own collection: the end-to-end collections run one after another,
/// so it never runs beside the distributed AppHost.
/// </summary>
public sealed class MonolithFixture : IAsyncLifetime, IPlatformShape
{
    private readonly TestAppHost host = new();

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public Maildir Mail => new(App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IMaildirServer>().Single().Maildir);

    public async Task InitializeAsync()
    {
        App = await host.StartAsync(["Platform:Shape=Monolith"]);
        var entry = App.GetEndpoint("platform", "http");
        Gateway = new HttpClient { BaseAddress = entry, Timeout = TimeSpan.FromSeconds(30) };
        Admin = new HttpClient(new AdminTokens.Handler(new AdminTokens.Cache(() => AdminTokens.MintAsync(entry, host.AdminClientSecret)))
        {
            InnerHandler = new HttpClientHandler(),
        })
        {
            BaseAddress = entry, Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        Admin?.Dispose();
        var data = App?.Services.GetService<LocalDataFolder>();
        if (App is not null)
            await App.DisposeAsync();
        TestAppHost.TryDelete(host.PrivateDirectory);
        if (data is not null)
            TestAppHost.TryDelete(data.Path);
    }
}

[CollectionDefinition(Name)]
public sealed class MonolithCollection : ICollectionFixture<MonolithFixture>
{
    public const string Name = "monolith";
}
