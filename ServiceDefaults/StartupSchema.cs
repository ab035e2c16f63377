using Npgsql;

namespace Platform.ServiceDefaults;

/// <summary>
/// Start-up DDL that is safe against a twin. <c>CREATE … IF NOT EXISTS</c> is not: two instances creating the same
/// schema at once both see it missing, and the second fails on the catalog's unique index (23505), which killed a
/// user-query instance on a first start. So every service's start-up DDL runs in one transaction under one advisory
/// lock per database: the second instance waits for the first to commit, then finds everything there.
/// </summary>
public static class StartupSchema
{
    /// <summary>One lock for all start-up DDL in a database ("platform" in ASCII); advisory locks are per database.</summary>
    public const long LockKey = 0x706C_6174_666F_726D;

    public static async Task ApplySchemaAsync(this NpgsqlDataSource database, string ddl, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            take.Parameters.Add(new() { Value = LockKey });
            await take.ExecuteNonQueryAsync(ct);
        }
        await using (var apply = new NpgsqlCommand(ddl, connection, transaction))
            await apply.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct); // releases the lock
    }
}
