namespace Platform.AppHost.Supervision;

/// <summary>
/// The last lines a resource wrote, as the dashboard's console page keeps them: what a report of its failure shows
/// (the supervisor's at start-up, a test's when a stop or a restart of it fails). A slow log source never delays the
/// report: it shows what arrived within a short wait.
/// </summary>
public sealed class ResourceLogTail(DistributedApplicationModel model, ResourceLoggerService logs)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyList<string>> LastLinesAsync(string name, int count, CancellationToken ct)
    {
        var resource = model.Resources.FirstOrDefault(r => r.Name == name);
        var tail = new Queue<string>();
        if (resource is null)
            return [];

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            await foreach (var batch in logs.GetAllAsync(resource).WithCancellation(timeout.Token))
            {
                foreach (var line in batch)
                {
                    tail.Enqueue(line.Content);
                    if (tail.Count > count)
                        tail.Dequeue();
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Show what arrived in time.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The orchestrator may already be shutting down: the failure is still reported, without its log.
            tail.Enqueue($"(its log could not be read: {e.GetType().Name}: {e.Message})");
        }
        return [.. tail];
    }
}
