using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// Work that runs until the service stops, against a broker connection that may drop (the analytics log's reader and
/// writer, the gateway's dead-letter erasure): a failure is logged and the work starts again a second later, from
/// what the broker and the stores kept.
/// </summary>
public static class Resuming
{
    public static async Task ForeverAsync(Func<CancellationToken, Task> work, ILogger logger, string failed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await work(stop);
            }
            catch (Exception failure) when (!stop.IsCancellationRequested)
            {
                logger.LogWarning(failure, "{Failed}; resuming in 1 s", failed);
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
        }
    }
}
