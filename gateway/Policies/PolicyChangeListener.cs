using Npgsql;

namespace Platform.Gateway.Policies;

/// <summary>
/// Puts in force the policies that another gateway instance changed: it listens on the channel that the policy table's
/// trigger notifies on commit (migration V2), and reads the newest versions on each notice. After (re)connecting it
/// reads them once, for whatever changed while it was not listening; a quiet connection is checked every
/// <see cref="Heartbeat"/>, so a dead one is replaced instead of waited on for ever.
/// </summary>
public sealed class PolicyChangeListener(NpgsqlDataSource database, ServicePolicies policies, TimeProvider clock, ILogger<PolicyChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "gateway_policy_versions";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

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
                logger.LogWarning(e, "Listening for policy changes failed; listening again in {Delay}", Reconnect);
                await Task.Delay(Reconnect, clock, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        await policies.RefreshAsync(ct);
        logger.LogInformation("Listening for policy changes on {Channel}", Channel);
        while (true)
        {
            if (await connection.WaitAsync(Heartbeat, ct))
            {
                await policies.RefreshAsync(ct); // one notice or many: the newest versions are read once
                continue;
            }
            await using var ping = new NpgsqlCommand("SELECT 1", connection);
            await ping.ExecuteScalarAsync(ct);
        }
    }
}
