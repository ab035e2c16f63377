using Npgsql;
using NpgsqlTypes;

namespace Platform.Benchmarks;

/// <summary>
/// Fills the read model up to a number of users with made-up profiles (binary COPY), all at one email domain of
/// this run's, so that they can be told apart and removed afterwards.
/// </summary>
public sealed class SearchSeed(NpgsqlDataSource db, string runId)
{
    private const string Profiles = "user_query.user_profiles";
    private static readonly string[] First = ["ada", "grace", "alan", "edsger", "barbara", "donald", "frances", "john", "margaret", "ken",
        "dennis", "radia", "leslie", "tony", "niklaus", "katherine", "hedy", "linus", "guido", "bjarne"];
    private static readonly string[] Last = ["lovelace", "hopper", "turing", "dijkstra", "liskov", "knuth", "allen", "backus", "hamilton",
        "thompson", "ritchie", "perlman", "lamport", "hoare", "wirth", "johnson", "lamarr", "torvalds", "rossum", "stroustrup"];

    public string Domain => $"seed-{runId}.bench";

    /// <summary>A name fragment that only one seeded user has: the number that ends every seeded name.</summary>
    public static string UniqueFragment(int n) => $"u{n:D7}x";

    public async Task<(long Before, long Added)> FillToAsync(int users)
    {
        var before = await CountAsync();
        var missing = Math.Max(0, users - before);
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        await using (var connection = await db.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Profiles} (id, name, email, version, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < missing; n++)
            {
                var (first, last) = (First[random.Next(First.Length)], Last[random.Next(Last.Length)]);
                var created = now - TimeSpan.FromSeconds(random.Next(365 * 24 * 3600));
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(created), NpgsqlDbType.Uuid);
                await copy.WriteAsync($"{char.ToUpperInvariant(first[0])}{first[1..]} {char.ToUpperInvariant(last[0])}{last[1..]} {UniqueFragment(n)}", NpgsqlDbType.Text);
                await copy.WriteAsync($"{first}.{last}.{n}@{Domain}", NpgsqlDbType.Text);
                await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(created, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = db.CreateCommand($"ANALYZE {Profiles}");
        await analyze.ExecuteNonQueryAsync();
        return (before, missing);
    }

    public async Task<long> RemoveAsync()
    {
        await using var command = db.CreateCommand($"DELETE FROM {Profiles} WHERE email LIKE '%@' || $1");
        command.Parameters.AddWithValue(Domain);
        return await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync()
    {
        await using var command = db.CreateCommand($"SELECT count(*) FROM {Profiles}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
