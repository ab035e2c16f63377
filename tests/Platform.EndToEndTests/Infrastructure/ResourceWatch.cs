namespace Platform.EndToEndTests.Infrastructure;

/// <summary>
/// Waits for resources to become healthy, but fails at once when any resource fails to start or exits with an
/// error: Aspire's own waits would otherwise sit out the whole timeout.
/// </summary>
public static class ResourceWatch
{
    public static async Task UntilHealthyAsync(DistributedApplication app, IEnumerable<string> resources, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var failure = FirstFailureAsync(app, stop.Token);
        var healthy = Task.WhenAll(resources.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, stop.Token)));

        var first = await Task.WhenAny(failure, healthy);
        await stop.CancelAsync();
        if (first == failure && await failure is { } message)
            throw new InvalidOperationException(message);
        await healthy;
    }

    public static async Task UntilHealthyAsync(DistributedApplication app, string resource, CancellationToken ct) =>
        await UntilHealthyAsync(app, [resource], ct);

    private static async Task<string?> FirstFailureAsync(DistributedApplication app, CancellationToken ct)
    {
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(ct))
            {
                var state = update.Snapshot.State?.Text;
                var failed = state == KnownResourceStates.FailedToStart
                    || (state == KnownResourceStates.Exited && update.Snapshot.ExitCode is { } code && code != 0);
                if (failed)
                    return $"Resource '{update.Resource.Name}' is {state} (exit code {update.Snapshot.ExitCode}); see its console log.";
            }
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }
}
