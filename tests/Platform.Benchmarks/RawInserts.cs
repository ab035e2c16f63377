using Npgsql;

namespace Platform.Benchmarks;

/// <summary>
/// The floor: the same row (id, name, unique email, timestamp) inserted with plain Npgsql, one transaction each,
/// at the same concurrency, into a scratch table on the same server. No HTTP, no event store, no bus.
/// </summary>
public sealed class RawInserts(NpgsqlDataSource db, string runId)
{
    private long issued; // every phase reuses worker numbers: a run-wide counter keeps emails unique

    public async Task PrepareAsync()
    {
        await using var command = db.CreateCommand("""
            CREATE SCHEMA IF NOT EXISTS benchmark;
            CREATE TABLE IF NOT EXISTS benchmark.raw_users (
                id uuid PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE, created_at timestamptz NOT NULL);
            TRUNCATE benchmark.raw_users;
            """);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<Guid?> InsertAsync(int worker, long sequence)
    {
        var id = Guid.CreateVersion7();
        await using var command = db.CreateCommand(
            "INSERT INTO benchmark.raw_users (id, name, email, created_at) VALUES ($1, $2, $3, now())");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue($"Bench {worker}-{sequence}");
        command.Parameters.AddWithValue($"raw-{runId}-{Interlocked.Increment(ref issued)}@bench.example");
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
