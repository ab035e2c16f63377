using Marten;
using Npgsql;
using Platform.ServiceDefaults;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Platform.EventStore.Sharding;

/// <summary>
/// The write freeze of a bucket's move, held by the source shard itself, so it holds for every process that writes the
/// sharded store, not only the one that moves (ADR 0045; Vitess refuses a moved table's writes on the source the same way).
/// <list type="number">
/// <item>Every write to a bucket runs <see cref="Guard"/> in its own transaction: a shared lock on the bucket, held to
/// its commit, then a look for the bucket's fence.</item>
/// <item>The mover's <see cref="FreezeAsync"/> takes the bucket's lock exclusively: it waits for the writes in the
/// bucket to commit, and the writes that come after wait behind it, up to <see cref="WriteWait"/>.</item>
/// <item>Before the flip the mover <see cref="Freeze.FenceAsync">fences</see> the bucket on the source: a write that
/// waited, or comes later from a process that has not yet reread the directory, finds the fence and is refused with
/// <see cref="MovedState"/>, having written nothing. Its process rereads the directory and the write is retried.</item>
/// </list>
/// A bucket moved back to a shard is <see cref="UnfenceAsync">unfenced</see> there before its flip.
/// </summary>
public static class BucketFence
{
    /// <summary>The SQLSTATE of a write refused because its bucket has moved off the shard (a class of its own: "PB").</summary>
    public const string MovedState = "PB001";

    /// <summary>How long a write waits for a frozen bucket before PostgreSQL refuses it (55P03, lock_not_available).</summary>
    public static readonly TimeSpan WriteWait = TimeSpan.FromSeconds(3);

    private const string Table = "bucket_fences";
    private const string Function = "bucket_write_guard";
    private const int LockClass = 0x50425543; // "PBUC": the two-key advisory locks of buckets; Marten's own are one-key

    /// <summary>The fence table and the guard function, for Marten to create in every shard database.</summary>
    public static IEnumerable<ISchemaObject> SchemaObjects(string schema)
    {
        var fences = new Table(new PostgresqlObjectName(schema, Table, SchemaUtils.IdentifierUsage.General));
        fences.AddColumn<string>("tenant_id").AsPrimaryKey();
        fences.AddColumn("fenced_at", "timestamptz").DefaultValueByExpression("now()");
        yield return fences;
        yield return Weasel.Postgresql.Functions.Function.ForSql($"""
            CREATE OR REPLACE FUNCTION {schema}.{Function}(bucket varchar) RETURNS void
            LANGUAGE plpgsql SET lock_timeout = '{WriteWait.TotalMilliseconds}ms' AS $$
            BEGIN
              PERFORM pg_advisory_xact_lock_shared({LockClass}, hashtext(bucket));
              IF EXISTS (SELECT 1 FROM {schema}.{Table} WHERE tenant_id = bucket) THEN
                RAISE EXCEPTION 'the bucket % has moved off this shard', bucket USING ERRCODE = '{MovedState}';
              END IF;
            END;
            $$;
            """);
    }

    /// <summary>
    /// Makes the session's next save pass the guard of its bucket (the session's tenant), in its own transaction,
    /// before its events are appended (<see cref="GuardOperation"/>).
    /// </summary>
    public static void Guard(IDocumentSession session, string schema) =>
        session.QueueOperation(new GuardOperation($"SELECT {schema}.{Function}(", session.TenantId));

    /// <summary>A write refused because its bucket moved, however Marten wraps it.</summary>
    public static bool IsMoved(Exception exception) => Find(exception, MovedState);

    /// <summary>A write that waited for its frozen bucket longer than <see cref="WriteWait"/>.</summary>
    public static bool IsFrozen(Exception exception) => Find(exception, PostgresErrorCodes.LockNotAvailable);

    /// <summary>
    /// Freezes the bucket's writes on its shard once those in flight have committed, waiting for them at most
    /// <paramref name="drainWithin"/>; null if they took longer (the move tries again later). Disposing the freeze lets
    /// the waiting writes go on.
    /// </summary>
    public static async Task<Freeze?> FreezeAsync(NpgsqlDataSource shard, string schema, string bucket, TimeSpan drainWithin, CancellationToken ct)
    {
        var connection = await shard.OpenConnectionAsync(ct);
        try
        {
            await using (var timeout = new NpgsqlCommand($"SET lock_timeout = '{(int)drainWithin.TotalMilliseconds}ms'", connection))
                await timeout.ExecuteNonQueryAsync(ct);
            await using (var freeze = new NpgsqlCommand("SELECT pg_advisory_lock($1, hashtext($2))", connection))
            {
                freeze.Parameters.AddWithValue(LockClass);
                freeze.Parameters.AddWithValue(bucket);
                await freeze.ExecuteNonQueryAsync(ct);
            }
            await using (var reset = new NpgsqlCommand("RESET lock_timeout", connection))
                await reset.ExecuteNonQueryAsync(ct);
            return new Freeze(connection, schema, bucket);
        }
        catch (PostgresException timedOut) when (timedOut.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await PostgresConnections.ReleaseSessionAsync(connection); // its lock_timeout: the pool keeps sessions (ADR 0055)
            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            await PostgresConnections.ReleaseSessionAsync(connection);
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets writes to the bucket on this shard through again: the bucket is moving back to it.</summary>
    public static async Task UnfenceAsync(NpgsqlDataSource shard, string schema, string bucket, CancellationToken ct)
    {
        await using var unfence = shard.CreateCommand($"DELETE FROM {schema}.{Table} WHERE tenant_id = $1");
        unfence.Parameters.AddWithValue(bucket);
        await unfence.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The guard as one of the save's event operations, so that it runs first: Marten sends a unit of work's event
    /// operations before its other ones, in the order they were queued, and this one is queued before any event. A
    /// refused write therefore appends nothing and draws no event sequence number. Queued after the append (as a plain
    /// SQL command is), the refused save had drawn numbers, and Marten then wrote "tombstone" events in their place, in
    /// the bucket, outside the guard, on whichever shard that process still placed the bucket: after a move, on the
    /// source, where the next move of the bucket found them.
    /// </summary>
    private sealed class GuardOperation(string call, string bucket) : Weasel.Storage.IStorageOperation
    {
        public Type DocumentType => typeof(JasperFx.Events.IEvent);

        public void ConfigureCommand(Weasel.Core.ICommandBuilder builder, Weasel.Storage.IStorageSession session)
        {
            builder.Append(call);
            builder.AppendParameter(bucket);
            builder.Append(")");
        }

        // The guard returns one row of void: nothing to read, but a result Marten steps past, so this is not a NoDataReturnedCall.
        public Task PostprocessAsync(System.Data.Common.DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

        public OperationRole Role() => OperationRole.Other;
    }

    private static bool Find(Exception exception, string state) => exception switch
    {
        PostgresException postgres when postgres.SqlState == state => true,
        AggregateException several => several.InnerExceptions.Any(inner => Find(inner, state)),
        { InnerException: { } inner } => Find(inner, state),
        _ => false,
    };

    /// <summary>A bucket's writes held back on its shard; the session's lock goes with its connection.</summary>
    public sealed class Freeze(NpgsqlConnection connection, string schema, string bucket) : IAsyncDisposable
    {
        /// <summary>Refuses the bucket's writes on this shard from now on: those waiting, and any that come later.</summary>
        public async Task FenceAsync(CancellationToken ct)
        {
            await using var fence = new NpgsqlCommand($"INSERT INTO {schema}.{Table} (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING", connection);
            fence.Parameters.AddWithValue(bucket);
            await fence.ExecuteNonQueryAsync(ct);
        }

        private int thawed;

        /// <summary>Ends the freeze; once, however often it is called.</summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref thawed, 1) == 1)
                return;
            // The connection was opened for this freeze alone: giving back its session's locks thaws the bucket.
            await PostgresConnections.ReleaseSessionAsync(connection);
            await connection.DisposeAsync();
        }
    }
}
