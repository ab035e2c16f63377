using Marten;
using Npgsql;
using Weasel.Core;
using Platform.EventStore.Outbox;
using Platform.EventStore.Sharding;
using Platform.UserCommand.Infrastructure.UserDirectory;

namespace Platform.UserCommand.Infrastructure.Sharding;

/// <summary>
/// A data folder from before the store was sharded keeps every user's stream in user-command's own database. On the
/// first start after that, each stream moves to its bucket on its shard as it is (ids, versions, timestamps, data),
/// each address into the directory's reservations, and each shard's outbox forwarder starts after what it received:
/// those events were published when they were first appended. The old tables are renamed, kept rather than dropped.
/// A start that dies halfway does it again: each step takes only what is missing.
/// </summary>
public sealed class LegacyStoreMigration(NpgsqlDataSource directory, IUserDirectory directoryStore, UserShards shards, ILogger<LegacyStoreMigration> logger)
{
    /// <summary>The old tables' names end with it once their users are in the shards.</summary>
    public const string KeptSuffix = "_before_sharding";

    /// <summary>The tenant of a store with one database: Marten's default.</summary>
    private const string SingleStoreTenant = "*DEFAULT*";

    private static readonly string Schema = EventStoreExtensions.Schema;

    public async Task MigrateAsync(IReadOnlyDictionary<string, string> placed, CancellationToken ct)
    {
        if (!await HasLegacyEventsAsync(ct))
            return;
        var started = TimeProvider.System.GetTimestamp();
        var streams = await LegacyStreamsAsync(ct);
        var copy = new BucketCopy(Schema);
        var targets = shards.All.ToDictionary(shard => shard, shard => NpgsqlDataSource.Create(shards.ConnectionStrings[shard]));
        try
        {
            var events = 0;
            foreach (var bucket in streams.GroupBy(UserBuckets.Space.BucketOf))
            {
                var tenant = UserBuckets.TenantOf(bucket.Key);
                var pass = await copy.CopyAsync(new BucketCopy.Selection(directory, SingleStoreTenant, [.. bucket]), targets[placed[tenant]], tenant, markAsCopies: false, ct);
                events += pass.Events;
            }
            foreach (var target in targets.Values)
                await StartForwarderAfterEverythingAsync(target, ct);
            var reserved = await ReserveAddressesAsync(ct);
            await KeepOldTablesAsync(ct);
            logger.LogWarning(
                "Moved the {Users} users kept from before sharding ({Events} events copied now) into their buckets on the shards, and reserved {Addresses} addresses, in {Seconds:0.0} s; the old tables are kept as {Schema}.mt_events{Suffix} and mt_streams{Suffix}",
                streams.Count, events, reserved, TimeProvider.System.GetElapsedTime(started).TotalSeconds, Schema, KeptSuffix, KeptSuffix);
        }
        finally
        {
            foreach (var target in targets.Values)
                await target.DisposeAsync();
        }
    }

    private async Task<bool> HasLegacyEventsAsync(CancellationToken ct)
    {
        await using var command = directory.CreateCommand($"SELECT to_regclass('{Schema}.mt_events') IS NOT NULL");
        if (!(bool)(await command.ExecuteScalarAsync(ct))!)
            return false;
        await using var any = directory.CreateCommand($"SELECT EXISTS (SELECT FROM {Schema}.mt_events)");
        return (bool)(await any.ExecuteScalarAsync(ct))!;
    }

    private async Task<List<Guid>> LegacyStreamsAsync(CancellationToken ct)
    {
        await using var command = directory.CreateCommand($"SELECT id FROM {Schema}.mt_streams WHERE tenant_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = SingleStoreTenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var streams = new List<Guid>();
        while (await reader.ReadAsync(ct))
            streams.Add(reader.GetGuid(0));
        return streams;
    }

    /// <summary>The forwarder's recorded position moves past the shard's events: the migrated ones are not sent again.</summary>
    private static async Task StartForwarderAfterEverythingAsync(NpgsqlDataSource shard, CancellationToken ct)
    {
        await using var command = shard.CreateCommand(
            $"INSERT INTO {Schema}.mt_event_progression (name, last_seq_id) SELECT $1, max(seq_id) FROM {Schema}.mt_events HAVING max(seq_id) IS NOT NULL " +
            $"ON CONFLICT (name) DO UPDATE SET last_seq_id = GREATEST({Schema}.mt_event_progression.last_seq_id, excluded.last_seq_id)");
        command.Parameters.Add(new NpgsqlParameter { Value = $"{EventStoreOutbox<IOutboxMessages>.SubscriptionName}:All" });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The old email index becomes the directory's reservations, each confirmed: its users' streams have the addresses.</summary>
    private async Task<int> ReserveAddressesAsync(CancellationToken ct)
    {
        await using var command = directory.CreateCommand(
            $"SELECT id, data->>'Email' FROM {Schema}.mt_doc_useremailindex WHERE to_regclass('{Schema}.mt_doc_useremailindex') IS NOT NULL");
        var reservations = new List<EmailReservation>();
        var now = TimeProvider.System.GetUtcNow();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                reservations.Add(new EmailReservation
                {
                    Id = reader.GetString(1), UserId = reader.GetGuid(0), State = ReservationState.Confirmed, ReservedAt = now, ExpiresAt = now,
                });
        }
        catch (PostgresException missing) when (missing.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0; // a store from before the email index
        }
        if (reservations.Count > 0)
            await directoryStore.BulkInsertAsync(reservations, BulkInsertMode.IgnoreDuplicates, cancellation: ct);
        return reservations.Count;
    }

    private async Task KeepOldTablesAsync(CancellationToken ct)
    {
        await using var command = directory.CreateCommand(
            $"ALTER TABLE {Schema}.mt_events RENAME TO mt_events{KeptSuffix}; ALTER TABLE {Schema}.mt_streams RENAME TO mt_streams{KeptSuffix};");
        await command.ExecuteNonQueryAsync(ct);
    }
}
