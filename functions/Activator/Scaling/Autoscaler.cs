namespace Platform.Functions.Activator.Scaling;

/// <summary>
/// Each second, lets every function's pool scale: an HTTP function's by its requests, a queue-triggered one's by its
/// queue's depth (KEDA polls every 30 s by default; a second here keeps a welcome mail's cold start short). At the
/// end, stops every instance.
/// </summary>
public sealed class Autoscaler(FunctionPools pools, QueueDepths queues, TimeProvider clock, ILogger<Autoscaler> logger) : BackgroundService
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
                        if (pool.Options.Queue is not { } queue)
                            await pool.ScaleAsync();
                        else if (await queues.ReadAsync(queue, stoppingToken) is { } reading)
                            await pool.ScaleAsync(reading);
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
