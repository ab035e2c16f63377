using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;

namespace Platform.ServiceDefaults.Notifications;

/// <summary>
/// Follows a PostgreSQL channel (LISTEN/NOTIFY): <see cref="RefreshAsync"/> runs after each (re)connect, for whatever
/// changed while nobody listened, and on each notice (several at once are one refresh). A quiet connection is checked
/// every <see cref="Heartbeat"/>, so a dead one is replaced instead of waited on for ever; the check is machinery, so
/// it is kept out of the traces, where an idle system shows nothing.
/// </summary>
public abstract class ChannelListener(NpgsqlDataSource database, TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    /// <summary>The channel's name, as the writers NOTIFY it.</summary>
    protected abstract string Channel { get; }

    /// <summary>Reads what the notices are about, anew.</summary>
    protected abstract Task RefreshAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Listening on {Channel} failed; listening again in {Delay}", Channel, Reconnect);
                await Task.Delay(Reconnect, clock, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        try
        {
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                await listen.ExecuteNonQueryAsync(ct);
            await RefreshAsync(ct);
            logger.LogInformation("Listening on {Channel}", Channel);
            while (true)
            {
                if (await connection.WaitAsync(Heartbeat, ct))
                {
                    await RefreshAsync(ct); // one notice or many: read once
                    continue;
                }
                using (SuppressInstrumentationScope.Begin())
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(ct);
                }
            }
        }
        finally
        {
            await PostgresConnections.ReleaseSessionAsync(connection); // the pool keeps sessions: no other user may listen by chance (ADR 0055)
        }
    }
}
