using System.Reflection;
using Marten;
using Marten.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Weasel.Postgresql;

namespace Platform.UserCommand.Infrastructure.Sharding.Moving;

/// <summary>
/// Creates a bucket's list partitions of Marten's tables (its users' snapshots) on a shard, the way Marten's flip
/// (<c>AddTenantToShardAsync</c>) creates them, but before the copy: the target's daemon keeps the copied users'
/// snapshots from the moment they arrive, and without the partitions every write of it fails (23514).
/// Marten 9.58 keeps its partition manager internal (<c>StoreOptions.TenantPartitions</c>) and offers no public call
/// for one database of a sharded store, so it is reached by name; a Marten without it fails the move with that said.
/// </summary>
public sealed class TenantPartitions(IDocumentStore store)
{
    private readonly Lazy<Func<PostgresqlDatabase, Dictionary<string, string>, CancellationToken, Task>?> add = new(() => Find(store));

    public async Task AddAsync(IMartenDatabase database, string tenant, CancellationToken ct)
    {
        if (add.Value is { } addToAllTables)
            await addToAllTables((PostgresqlDatabase)database, new Dictionary<string, string> { [tenant] = tenant }, ct);
    }

    /// <summary>null when the store partitions no table by tenant.</summary>
    private static Func<PostgresqlDatabase, Dictionary<string, string>, CancellationToken, Task>? Find(IDocumentStore store)
    {
        const BindingFlags Any = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var property = typeof(StoreOptions).GetProperty("TenantPartitions", Any)
            ?? throw new MissingMemberException($"This Marten has no StoreOptions.TenantPartitions: a bucket's move cannot create its partitions before the copy (see {nameof(TenantPartitions)}).");
        if (property.GetValue(store.Options) is not { } managed)
            return null;
        var partitions = managed.GetType().GetProperty("Partitions", Any)?.GetValue(managed);
        var method = partitions?.GetType().GetMethod("AddPartitionToAllTables", Any,
            [typeof(Microsoft.Extensions.Logging.ILogger), typeof(PostgresqlDatabase), typeof(Dictionary<string, string>), typeof(CancellationToken)])
            ?? throw new MissingMethodException($"This Marten's partition manager has no AddPartitionToAllTables(ILogger, PostgresqlDatabase, Dictionary, CancellationToken) (see {nameof(TenantPartitions)}).");
        return (database, values, ct) => (Task)method.Invoke(partitions, [NullLogger.Instance, database, values, ct])!;
    }
}
