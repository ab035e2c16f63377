using Marten;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// A writer of the users' store hosted outside user-command (a function, ADR 0046) reads the directory before it
/// serves: the shards in Marten's pool and every bucket's place. It places nothing and changes no schema; a write it
/// makes to a bucket that has moved since is refused by the bucket's fence, and it reads the directory again then.
/// </summary>
public sealed class PlacementReader(IDocumentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await store.Storage.AllDatabases();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
