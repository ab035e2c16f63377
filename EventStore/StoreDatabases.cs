using Marten;
using Marten.Storage;

namespace Platform.EventStore;

public static class StoreDatabases
{
    /// <summary>
    /// The store's databases in a fixed order, each with its name: a sharded store's shards by their id in Marten's
    /// pool (<c>users-shard-1</c>), or a store's only database. A sharded store numbers each shard's events itself,
    /// so whatever reads events by sequence reads them database by database.
    /// </summary>
    public static async Task<IReadOnlyList<NamedDatabase>> NamedDatabasesAsync(this IDocumentStore store) =>
        [.. (await store.Storage.AllDatabases())
            .Select(database => new NamedDatabase(NameOf(database), database))
            .OrderBy(named => named.Name, StringComparer.Ordinal)];

#pragma warning disable CS0618 // the pool's id for a shard is its Identifier; the newer DatabaseId names the server and database instead
    public static string NameOf(IMartenDatabase database) => database.Identifier;
#pragma warning restore CS0618
}

public sealed record NamedDatabase(string Name, IMartenDatabase Database);
