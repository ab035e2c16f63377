using JasperFx;
using Marten;
using Platform.EndToEndTests.Infrastructure;
using Platform.EventStore.Sharding;

namespace Platform.EndToEndTests.Sharding;

/// <summary>
/// Marten's sharded store as the users' store stands on it (ADR 0040), over scratch databases of the platform's
/// PostgreSQL: a directory and two shards, buckets as explicitly assigned tenants, events in the schema <c>users</c>.
/// </summary>
public sealed class ShardedStores : IAsyncDisposable
{
    public const string Schema = "users";

    private ShardedStores(ScratchDatabase directory, ScratchDatabase shard0, ScratchDatabase shard1) =>
        (Directory, Shard0, Shard1) = (directory, shard0, shard1);

    public ScratchDatabase Directory { get; }

    public ScratchDatabase Shard0 { get; }

    public ScratchDatabase Shard1 { get; }

    public static async Task<ShardedStores> CreateAsync(PlatformFixture platform)
    {
        var server = (await platform.App.GetConnectionStringAsync("usercommand-db"))!;
        return new ShardedStores(
            await ScratchDatabase.CreateAsync(server, "shard_directory"),
            await ScratchDatabase.CreateAsync(server, "shard0"),
            await ScratchDatabase.CreateAsync(server, "shard1"));
    }

    /// <summary>A process's store: with the shards it registers in the pool, or none, finding them in the directory.</summary>
    public DocumentStore Store(bool registerShards = true) =>
        DocumentStore.For(options =>
        {
            options.MultiTenantedWithShardedDatabases(sharded =>
            {
                sharded.ConnectionString = Directory.ConnectionString;
                if (registerShards)
                {
                    sharded.AddDatabase("shard-0", Shard0.ConnectionString);
                    sharded.AddDatabase("shard-1", Shard1.ConnectionString);
                }
                sharded.UseExplicitAssignment();
            });
            options.DatabaseSchemaName = Schema;
            options.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;
            options.Events.MetadataConfig.HeadersEnabled = true;
            options.Events.AddEventType<Noted>();
            options.Storage.ExtendedSchemaObjects.AddRange(BucketFence.SchemaObjects(Schema)); // as user-command's store has them
            options.AutoCreateSchemaObjects = AutoCreate.All;
        });

    public static async Task AppendAsync(IDocumentStore store, string bucket, Guid stream, int events, int from = 1)
    {
        await using var session = store.LightweightSession(bucket);
        session.Events.Append(stream, [.. Enumerable.Range(from, events).Select(n => (object)new Noted(n))]);
        await session.SaveChangesAsync();
    }

    public static async Task<IReadOnlyList<JasperFx.Events.IEvent>> ReadAsync(IDocumentStore store, string bucket, Guid stream)
    {
        await using var session = store.LightweightSession(bucket);
        return await session.Events.FetchStreamAsync(stream);
    }

    public async ValueTask DisposeAsync()
    {
        await Directory.DisposeAsync();
        await Shard0.DisposeAsync();
        await Shard1.DisposeAsync();
    }

    public sealed record Noted(int Number);
}
