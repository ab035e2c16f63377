namespace Platform.Gateway.Topology;

/// <summary>
/// One of the topology's sources behind a service (an event store's progress, the shards, the functions): its JSON
/// within the source timeout, or why not. A source that is down must not stall the page, nor fail it.
/// </summary>
public static class ServiceSource
{
    /// <summary>The service's answer at <paramref name="route"/>, or null with the problem to show in its place.</summary>
    public static async Task<(T? Value, string? Problem)> ReadSourceAsync<T>(this HttpClient http, string service, string route, TimeSpan within, CancellationToken ct)
        where T : class
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(within);
            return (await http.GetFromJsonAsync<T>($"http://{service}{route}", timeout.Token), null);
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (null, $"{service} did not answer: {failure.Message}");
        }
    }
}
