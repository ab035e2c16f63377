using System.Diagnostics;
using Npgsql;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Every database of the system, dumped with pg_dump as an operator would: what is kept at rest.</summary>
public static class DatabaseDumps
{
    /// <summary>The shards of user-command's event store, each on a server of its own (ADR 0040).</summary>
    public static readonly string[] UserShards = [.. Enumerable.Range(1, UserShardDatabases.Count).Select(n => $"users-shard-{n}")];

    public static readonly string[] Databases =
        ["usercommand-db", "userquery-db", "email-db", "order-db", "gateway-db", "analytics-db", .. UserShards];

    public static async Task<Dictionary<string, string>> AllAsync(PlatformFixture platform)
    {
        var dumps = new Dictionary<string, string>();
        foreach (var database in Databases)
            dumps[database] = await DumpAsync(platform, database);
        return dumps;
    }

    public static async Task<string> DumpAsync(PlatformFixture platform, string database)
    {
        var connection = new NpgsqlConnectionStringBuilder(await platform.App.GetConnectionStringAsync(database));
        var pgDump = Directory.GetDirectories("/usr/lib/postgresql").Select(folder => Path.Combine(folder, "bin", "pg_dump")).Where(File.Exists)
            .OrderByDescending(path => path).FirstOrDefault() ?? "pg_dump";
        var start = new ProcessStartInfo(pgDump, ["-h", connection.Host!, "-p", connection.Port.ToString(), "-U", connection.Username!, "-d", connection.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = connection.Password },
        };
        using var dump = Process.Start(start)!;
        var output = dump.StandardOutput.ReadToEndAsync();
        var errors = dump.StandardError.ReadToEndAsync();
        await dump.WaitForExitAsync();
        Assert.True(dump.ExitCode == 0, $"pg_dump of {database} failed: {await errors}");
        return await output;
    }
}
