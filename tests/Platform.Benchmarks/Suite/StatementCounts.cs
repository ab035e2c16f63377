using Npgsql;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// Statements each database ran, and their execution time, from pg_stat_statements (which the local PostgreSQL
/// preloads): a snapshot before a phase and one after give the round trips and server time per operation.
/// </summary>
public sealed class StatementCounts
{
    private readonly Dictionary<string, (long Calls, double Milliseconds)> byDatabase;

    private StatementCounts(Dictionary<string, (long, double)> byDatabase) => this.byDatabase = byDatabase;

    /// <summary>Null where the extension is not preloaded (a container PostgreSQL, say): the breakdown then leaves it out.</summary>
    public static async Task<StatementCounts?> SnapshotAsync(NpgsqlDataSource server)
    {
        try
        {
            await using (var create = server.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
                await create.ExecuteNonQueryAsync();
            await using var command = server.CreateCommand("""
                SELECT d.datname, sum(s.calls)::bigint, sum(s.total_exec_time)
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid GROUP BY d.datname
                """);
            var counts = new Dictionary<string, (long, double)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetDouble(2));
            return counts.Count == 0 ? null : new StatementCounts(counts);
        }
        catch (PostgresException)
        {
            return null;
        }
    }

    public IReadOnlyDictionary<string, (long Calls, double Milliseconds)> Since(StatementCounts before) =>
        byDatabase.ToDictionary(database => database.Key, database =>
            before.byDatabase.TryGetValue(database.Key, out var earlier)
                ? (database.Value.Calls - earlier.Calls, database.Value.Milliseconds - earlier.Milliseconds)
                : database.Value);
}
