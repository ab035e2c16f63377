using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Platform.ServiceDefaults;

/// <summary>
/// What every PostgreSQL connection string a service is given gets, unless the string says otherwise (ADR 0055):
/// <list type="bullet">
/// <item>no pool reset when a connection goes back to the pool: Npgsql's <c>DISCARD ALL</c> would also throw away the
/// plans PostgreSQL keeps for PL/pgSQL functions (Marten's append), so every append would be planned again;</item>
/// <item>automatic preparation of the statements a process repeats, which the reset would also discard.</item>
/// </list>
/// A connection then keeps its session's state between its users, so the few that set some (an advisory lock held
/// across statements, a <c>SET</c>, a <c>LISTEN</c>) give it back themselves before it goes back to the pool
/// (<see cref="ReleaseSessionAsync"/>). <c>Database:PoolReset=true</c> puts the reset back, to measure the difference.
/// </summary>
public static class PostgresConnections
{
    public const int MaxAutoPrepare = 50;

    /// <summary>Rewrites the process's PostgreSQL connection strings in place; the others (amqp://, smtp://) are left alone.</summary>
    public static void ApplyDefaults(IConfiguration configuration)
    {
        var reset = configuration.GetValue("Database:PoolReset", false);
        foreach (var entry in configuration.GetSection("ConnectionStrings").GetChildren().ToList())
            if (Tuned(entry.Value, reset) is { } tuned)
                configuration[$"ConnectionStrings:{entry.Key}"] = tuned;
    }

    /// <summary>The string with the platform's settings where it sets none of its own; null if it is not PostgreSQL's.</summary>
    public static string? Tuned(string? connectionString, bool reset)
    {
        if (string.IsNullOrWhiteSpace(connectionString) || connectionString.Contains("://", StringComparison.Ordinal))
            return null;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return null; // not a key=value string Npgsql reads
        }
        if (string.IsNullOrEmpty(builder.Host))
            return null;
        // Npgsql's builder says every keyword it knows is "contained"; a plain one holds only what the string sets.
        var set = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(string keyword) => set.ContainsKey(keyword) || set.ContainsKey(keyword.Replace(" ", "", StringComparison.Ordinal));
        if (!Sets("No Reset On Close"))
            builder.NoResetOnClose = !reset;
        if (!Sets("Max Auto Prepare") && !reset)
            builder.MaxAutoPrepare = MaxAutoPrepare;
        return builder.ConnectionString;
    }

    /// <summary>
    /// Gives back what a session took, as the pool reset would have, but keeps the prepared statements: its advisory
    /// locks, its settings, its channels. A connection that cannot run it is broken, and Npgsql does not pool it again.
    /// </summary>
    public static async Task ReleaseSessionAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock_all(); RESET ALL; UNLISTEN *", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // broken or closed already: its session is gone with it
        }
    }
}
