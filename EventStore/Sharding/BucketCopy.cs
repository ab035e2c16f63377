using Npgsql;

namespace Platform.EventStore.Sharding;

/// <summary>
/// Copies one bucket's streams (a Marten tenant of the sharded store, ADR 0040) from its shard database to another,
/// as they are: stream ids, versions, event ids, types, timestamps, data and headers. Only what the target lacks is
/// copied: the events above each stream's version there, so a second pass after more writes catches up, and a pass
/// with nothing new copies nothing. The target numbers the events with its own sequence, in the source's order, and
/// marks each with <see cref="CopiedEvent.Header"/>. One pass is one transaction on the target.
/// Marten's tombstones are not the bucket's: after a failed save they fill the event sequence numbers it drew, in the
/// session's tenant, under a stream of their own. They stand for numbers of the source's sequence only, so they are
/// neither copied nor verified; the old copy's deletion takes them with it.
/// </summary>
public sealed class BucketCopy(string schema)
{
    /// <summary>Leaves out Marten's tombstone stream (a constant id, so a literal).</summary>
    private static readonly string NotTombstones = $" AND {{0}} <> '{JasperFx.Events.Tombstone.StreamId}'";

    public sealed record Pass(int Streams, int Events);

    /// <summary>Streams to copy: a tenant's in one database, all of them or only <paramref name="Streams"/>.</summary>
    public sealed record Selection(NpgsqlDataSource Database, string Tenant, IReadOnlyCollection<Guid>? Streams = null);

    /// <summary>A bucket's move: the bucket's streams to the same bucket on the target, marked as copies.</summary>
    public Task<Pass> CopyAsync(NpgsqlDataSource source, NpgsqlDataSource target, string bucket, CancellationToken ct) =>
        CopyAsync(new Selection(source, bucket), target, bucket, markAsCopies: true, ct);

    /// <summary>
    /// Copies the selected streams to <paramref name="targetTenant"/> on the target. <paramref name="markAsCopies"/>: a
    /// move's copies were published where they were first appended; unmarked, they are the target's own (a migration,
    /// which starts the target's forwarder after them instead).
    /// </summary>
    public async Task<Pass> CopyAsync(Selection source, NpgsqlDataSource target, string targetTenant, bool markAsCopies, CancellationToken ct)
    {
        var copied = await VersionsAsync(target, targetTenant, ct);
        var only = source.Streams is null ? "" : " AND {0} = ANY($2)";
        object[] selected = source.Streams is null ? [source.Tenant] : [source.Tenant, source.Streams.ToArray()];
        var streams = new List<StreamRow>();
        var events = new List<EventRow>();
        // One snapshot of the source for the streams and their events, so a write in between cannot split them.
        await using (var reading = await source.Database.OpenConnectionAsync(ct))
        await using (var snapshot = await reading.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct))
        await using (var read = new NpgsqlBatch(reading, snapshot))
        {
            read.BatchCommands.Add(Command(
                $"SELECT id, type, version, timestamp, created, is_archived FROM {schema}.mt_streams WHERE tenant_id = $1" +
                string.Format(only + NotTombstones, "id"), selected));
            read.BatchCommands.Add(Command(
                $"SELECT stream_id, id, version, data::text, type, timestamp, mt_dotnet_type, headers::text, is_archived FROM {schema}.mt_events WHERE tenant_id = $1" +
                string.Format(only + NotTombstones, "stream_id") + " ORDER BY seq_id", selected));
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                streams.Add(new StreamRow(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), !reader.IsDBNull(5) && reader.GetBoolean(5)));
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (stream, version) = (reader.GetGuid(0), reader.GetInt64(2));
                if (version > copied.GetValueOrDefault(stream))
                    events.Add(new EventRow(stream, reader.GetGuid(1), version, reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), !reader.IsDBNull(8) && reader.GetBoolean(8)));
            }
        }
        var changed = streams.Where(stream => stream.Version > copied.GetValueOrDefault(stream.Id, -1)).ToList();
        if (changed.Count == 0 && events.Count == 0)
            return new Pass(0, 0);

        await using var connection = await target.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var write = new NpgsqlBatch(connection, transaction))
        {
            foreach (var stream in changed)
                write.BatchCommands.Add(Command(
                    $"INSERT INTO {schema}.mt_streams (tenant_id, id, type, version, timestamp, created, is_archived) VALUES ($1, $2, $3, $4, $5, $6, $7) " +
                    "ON CONFLICT (tenant_id, id) DO UPDATE SET version = excluded.version, timestamp = excluded.timestamp, is_archived = excluded.is_archived",
                    targetTenant, stream.Id, (object?)stream.Type ?? DBNull.Value, stream.Version, stream.Timestamp, stream.Created, stream.IsArchived));
            foreach (var row in events)
                write.BatchCommands.Add(Command(
                    $"INSERT INTO {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived) " +
                    // Marten writes no headers as JSON null: the copy's mark then starts an object of its own.
                    $"VALUES (nextval('{schema}.mt_events_sequence'), $1, $2, $3, $4::jsonb, $5, $6, $7, $8, " +
                    (markAsCopies ? $"(CASE WHEN jsonb_typeof($9::jsonb) = 'object' THEN $9::jsonb ELSE '{{}}'::jsonb END) || jsonb_build_object('{CopiedEvent.Header}', true)" : "$9::jsonb") +
                    ", $10)",
                    row.Id, row.StreamId, row.Version, row.Data, row.Type, row.Timestamp, targetTenant, (object?)row.DotnetType ?? DBNull.Value, (object?)row.Headers ?? DBNull.Value, row.IsArchived));
            await write.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return new Pass(changed.Count, events.Count);
    }

    /// <summary>
    /// The move's last step, after its grace period: the bucket's streams, events and documents (the snapshots the
    /// daemon kept of its streams) leave the database, in one transaction. The same discards a target's copy that
    /// failed its verification.
    /// </summary>
    public async Task<long> DeleteAsync(NpgsqlDataSource database, string bucket, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        var documents = new List<string>();
        await using (var tables = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'tenant_id' AND table_name LIKE 'mt\\_doc\\_%'", connection))
        {
            tables.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await tables.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                documents.Add(reader.GetString(0));
        }
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var delete = new NpgsqlBatch(connection, transaction);
        delete.BatchCommands.Add(Command($"DELETE FROM {schema}.mt_events WHERE tenant_id = $1", bucket));
        delete.BatchCommands.Add(Command($"DELETE FROM {schema}.mt_streams WHERE tenant_id = $1", bucket));
        foreach (var table in documents)
            delete.BatchCommands.Add(Command($"DELETE FROM {schema}.\"{table}\" WHERE tenant_id = $1", bucket));
        var rows = await delete.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return rows;
    }

    /// <summary>The sequence of the bucket's newest event in one database (0: none): the source's forwarder must have passed it before the source is deleted.</summary>
    public async Task<long> LastSequenceAsync(NpgsqlDataSource database, string bucket, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT coalesce(max(seq_id), 0) FROM {schema}.mt_events WHERE tenant_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = bucket });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Each of the bucket's streams in one database, as <see cref="StreamDigest"/>s: equal in source and target once a copy is complete.</summary>
    public async Task<IReadOnlyList<StreamDigest>> DigestAsync(NpgsqlDataSource database, string bucket, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"SELECT stream_id, count(*), max(version), md5(string_agg(id::text || ':' || version || ':' || type || ':' || " +
            $"(extract(epoch FROM timestamp) * 1000000)::bigint || ':' || data::text, ',' ORDER BY version)) " +
            $"FROM {schema}.mt_events WHERE tenant_id = $1{string.Format(NotTombstones, "stream_id")} GROUP BY stream_id ORDER BY stream_id");
        command.Parameters.Add(new NpgsqlParameter { Value = bucket });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var digests = new List<StreamDigest>();
        while (await reader.ReadAsync(ct))
            digests.Add(new StreamDigest(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3)));
        return digests;
    }

    private async Task<Dictionary<Guid, long>> VersionsAsync(NpgsqlDataSource target, string bucket, CancellationToken ct)
    {
        await using var command = target.CreateCommand($"SELECT id, version FROM {schema}.mt_streams WHERE tenant_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = bucket });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new Dictionary<Guid, long>();
        while (await reader.ReadAsync(ct))
            versions[reader.GetGuid(0)] = reader.GetInt64(1);
        return versions;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private sealed record StreamRow(Guid Id, string? Type, long Version, DateTimeOffset Timestamp, DateTimeOffset Created, bool IsArchived);

    private sealed record EventRow(Guid StreamId, Guid Id, long Version, string Data, string Type, DateTimeOffset Timestamp, string? DotnetType, string? Headers, bool IsArchived);
}
