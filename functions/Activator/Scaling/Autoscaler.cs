namespace Platform.Functions.Activator.Scaling;

/// <summary>Each second, lets every function's pool stop what its load no longer needs; at the end, stops every instance.</summary>
public sealed class Autoscaler(FunctionPools pools, TimeProvider clock, ILogger<Autoscaler> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Tick, clock, stoppingToken);
                foreach (var pool in pools.All)
                {
                    try
                    {
                        await pool.ScaleAsync();
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(e, "Scaling {Function} failed; trying again in a second", pool.Name);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(pools.All.Select(pool => pool.StopAllAsync()));
    }
}
