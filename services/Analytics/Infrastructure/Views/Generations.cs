using Npgsql;

namespace Platform.Analytics.Infrastructure.Views;

/// <summary>
/// What the batch view and a replay's shadow do with a whole generation: count its events per minute at once,
/// set-based (the counters and the active users, for the events before a time), or drop it.
/// </summary>
public static class Generations
{
    /// <summary>Counts <paramref name="generation"/>'s events before <paramref name="until"/> into the view's minute tables.</summary>
    public static void Count(this NpgsqlBatch batch, string view, long generation, DateTimeOffset until) => batch.Add(
        [generation, until.UtcDateTime],
        $"""
        INSERT INTO analytics.{view}_counts (generation, minute, kind, currency, events, amount)
        SELECT $1, date_trunc('minute', occurred_at, 'UTC'), kind, currency, count(*), sum(amount)
        FROM analytics.{view}_events WHERE generation = $1 AND occurred_at < $2 GROUP BY 2, 3, 4
        """,
        $"""
        INSERT INTO analytics.{view}_active (generation, minute, user_id)
        SELECT DISTINCT $1, date_trunc('minute', occurred_at, 'UTC'), user_id
        FROM analytics.{view}_events WHERE generation = $1 AND occurred_at < $2
        """);

    /// <summary>Drops <paramref name="generation"/> from the view's tables.</summary>
    public static void Drop(this NpgsqlBatch batch, string view, long generation) => batch.Add([generation],
        $"DELETE FROM analytics.{view}_events WHERE generation = $1",
        $"DELETE FROM analytics.{view}_counts WHERE generation = $1",
        $"DELETE FROM analytics.{view}_active WHERE generation = $1");

    /// <summary>Drops <paramref name="generation"/> of a view no longer served; a failure leaves only unserved rows behind.</summary>
    public static async Task DropAsync(this NpgsqlDataSource database, string view, long generation, ILogger logger, CancellationToken ct)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            await using var drop = new NpgsqlBatch(connection);
            drop.Drop(view, generation);
            await drop.ExecuteNonQueryAsync(ct);
        }
        catch (Exception failure) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(failure, "Dropping generation {Generation} of the {View} view failed; it is not served", generation, view);
        }
    }

    /// <summary>Adds each statement with the same positional parameters (a command with $n parameters holds one statement).</summary>
    public static void Add(this NpgsqlBatch batch, object[] parameters, params string[] statements)
    {
        foreach (var sql in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in parameters)
                command.Parameters.AddValue(value);
            batch.BatchCommands.Add(command);
        }
    }
}
