using Npgsql;
using Platform.UserQuery.Application;
using Platform.UserQuery.Application.RebuildingReadModel;

namespace Platform.UserQuery.Infrastructure;

/// <summary>The shadow table of a rebuild, and the swap that makes it live in one transaction.</summary>
public sealed class PostgresReadModelSwap([FromKeyedServices(ReadModelExtensions.DatabaseName)] NpgsqlDataSource db) : IReadModelTables
{
    private const string Schema = ReadModelSchema.Schema;

    public async Task<IUserProfiles> CreateShadowAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(
            $"DROP TABLE IF EXISTS {Schema}.{ReadModelSchema.Shadow};\n" + ReadModelSchema.CreateSql(ReadModelSchema.Shadow));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresUserProfiles(db, ReadModelSchema.Shadow);
    }

    public async Task SwapAsync(Func<CancellationToken, Task> catchUp, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // EXCLUSIVE: readers go on, the consumers' writes wait until the swap commits.
        await ExecuteAsync(connection, transaction, $"LOCK TABLE {Schema}.{ReadModelSchema.Live} IN EXCLUSIVE MODE", cancellationToken);
        await catchUp(cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            DROP TABLE IF EXISTS {Schema}.{ReadModelSchema.Previous};
            {Rename(ReadModelSchema.Live, ReadModelSchema.Previous)}
            {Rename(ReadModelSchema.Shadow, ReadModelSchema.Live)}
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The table and its indexes, whose names follow the table's (see <see cref="ReadModelSchema.IndexSuffixes"/>).</summary>
    private static string Rename(string from, string to) =>
        $"ALTER TABLE {Schema}.{from} RENAME TO {to};\n" + string.Join("\n",
            ReadModelSchema.IndexSuffixes.Select(suffix => $"ALTER INDEX {Schema}.{from}_{suffix} RENAME TO {to}_{suffix};"));

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
