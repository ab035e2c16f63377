using Platform.Benchmarks.Suite;
using System.Net;
using Npgsql;

namespace Platform.Benchmarks;

/// <summary>
/// GET /api/users?search= through the gateway, as an admin, with the read model at --users users, against the floor:
/// the same SQL that user-query runs for an admin, sent with plain Npgsql. Three searches: one user, a common surname, nobody.
/// </summary>
public static class SearchBenchmark
{
    private const int PageSize = 20;

    // The statement PostgresUserProfiles runs for a first page with text (keep the two in step).
    private const string Query = """
        SELECT id, name, email, version, created_at, updated_at FROM user_query.user_profiles
        WHERE (name ILIKE $1 OR email ILIKE $1) ORDER BY created_at, id LIMIT $2
        """;

    public static async Task RunAsync(BenchmarkOptions options)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        await using var db = NpgsqlDataSource.Create(options.Database("userquery"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = options.Gateway };
        var seed = new SearchSeed(db, runId);

        var (before, added) = await seed.FillToAsync(options.Users);
        var report = new RunReport();
        report.Line($"Platform search benchmark: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, " +
                          $"{options.Duration.TotalSeconds:0} s per phase, {before + added:N0} users in the read model ({added:N0} seeded for this run)");
        report.Line($"Search: GET /api/users?search=…&limit={PageSize} through the gateway. Floor: the same SQL with plain Npgsql.");
        report.Line();
        report.Line("| search | matches | concurrency | gateway req/s | p50 ms | p99 ms | errors | raw SQL q/s | p50 ms | p99 ms | ratio | plan |");
        report.Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        try
        {
            (string Label, string Text)[] searches =
                [("one user", SearchSeed.UniqueFragment((int)Math.Max(0, added / 2))), ("a surname", "lovelace"), ("nobody", "zqxjv")];
            foreach (var (label, text) in searches)
            {
                var pattern = $"%{text}%";
                var matches = await ScalarAsync<long>(db, "SELECT count(*) FROM user_query.user_profiles WHERE name ILIKE $1 OR email ILIKE $1", pattern);
                var plan = await PlanAsync(db, pattern);
                // As an admin, whose search covers names and emails, as the floor's SQL does (anyone else's covers names).
                http.DefaultRequestHeaders.Authorization = new("Bearer", await AdminToken.MintAsync(options.Gateway));
                await LoadResult.RunAsync(4, TimeSpan.FromSeconds(1), (_, _) => ThroughGatewayAsync(http, text)); // warm-up
                foreach (var workers in options.Concurrency)
                {
                    var system = await LoadResult.RunAsync(workers, options.Duration, (_, _) => ThroughGatewayAsync(http, text));
                    var floor = await LoadResult.RunAsync(workers, options.Duration, (_, _) => RawAsync(db, pattern));
                    report.Line($"| {label} | {matches:N0} | {workers} | {system.PerSecond:0} | {Percentile.Of(system.LatenciesMs, 50):0.0} | " +
                                      $"{Percentile.Of(system.LatenciesMs, 99):0.0} | {system.Failed} | {floor.PerSecond:0} | " +
                                      $"{Percentile.Of(floor.LatenciesMs, 50):0.0} | {Percentile.Of(floor.LatenciesMs, 99):0.0} | " +
                                      $"{system.PerSecond / floor.PerSecond:0.00}x | {plan} |");
                }
            }
            await report.PublishAsync("search");
        }
        finally
        {
            Console.WriteLine();
            Console.WriteLine($"Removed the {await seed.RemoveAsync():N0} seeded users.");
        }
    }

    private static async Task<Guid?> ThroughGatewayAsync(HttpClient http, string text)
    {
        using var response = await http.GetAsync($"/api/users?search={Uri.EscapeDataString(text)}&limit={PageSize}");
        await response.Content.LoadIntoBufferAsync();
        return response.StatusCode == HttpStatusCode.OK ? Guid.Empty : null;
    }

    private static async Task<Guid?> RawAsync(NpgsqlDataSource db, string pattern)
    {
        await using var command = db.CreateCommand(Query);
        command.Parameters.AddWithValue(pattern);
        command.Parameters.AddWithValue(PageSize);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }
        return Guid.Empty;
    }

    /// <summary>How PostgreSQL finds the rows: the plan's scan nodes, e.g. "Bitmap Index Scan on user_profiles_name_trgm".</summary>
    private static async Task<string> PlanAsync(NpgsqlDataSource db, string pattern)
    {
        await using var command = db.CreateCommand($"EXPLAIN {Query}");
        command.Parameters.AddWithValue(pattern);
        command.Parameters.AddWithValue(PageSize);
        var scans = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var line = reader.GetString(0).Trim().TrimStart('-', '>', ' ');
            if (line.Contains(" Scan", StringComparison.Ordinal))
                scans.Add(line.Split("  (")[0]);
        }
        return string.Join(", ", scans.Distinct());
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql, object parameter)
    {
        await using var command = db.CreateCommand(sql);
        command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
