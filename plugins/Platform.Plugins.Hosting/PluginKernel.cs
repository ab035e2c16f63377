using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Plugins.Hosting;

/// <summary>
/// The microkernel: the loaded plugins, and the one way their hooks run. Each hook runs within the hook timeout; one
/// that throws or runs late is logged, counted (per plugin, and as a metric) and passed over, so the core never fails
/// because of a plugin. What a hook's answer means (a refusal, say) is the host's to decide.
/// </summary>
public sealed class PluginKernel(
    IReadOnlyList<LoadedPlugin> plugins, IOptions<PluginOptions> options, PluginMetrics metrics, TimeProvider clock, ILogger<PluginKernel> logger)
{
    public IReadOnlyList<LoadedPlugin> Plugins => plugins;

    /// <summary>The enabled plugins that implement <typeparamref name="THook"/>, in the catalog's order.</summary>
    public IEnumerable<(LoadedPlugin Plugin, THook Hook)> Enabled<THook>() =>
        plugins.Where(plugin => plugin.Enabled && plugin.Plugin is THook).Select(plugin => (plugin, (THook)plugin.Plugin!));

    /// <summary>Runs one hook of one plugin; its result, or default when it failed or timed out.</summary>
    /// <param name="refused">Whether the result is the hook refusing what it was shown (counted as such).</param>
    public async Task<T?> RunAsync<T>(
        LoadedPlugin plugin, string hook, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, Func<T, bool>? refused = null)
    {
        var statistics = plugin.For(hook);
        var timeout = options.Value.HookTimeout;
        using var span = PluginMetrics.Spans.StartActivity($"plugin {plugin.Name} {hook}");
        var started = clock.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // WaitAsync: a hook that ignores its token is left behind rather than waited for.
            var result = await Task.Run(() => call(deadline.Token), CancellationToken.None).WaitAsync(timeout, cancellationToken);
            var took = clock.GetElapsedTime(started);
            statistics.Succeeded(took);
            metrics.Record(plugin.Name, hook, refused?.Invoke(result) == true ? "refused" : "ok", took);
            return result;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var took = clock.GetElapsedTime(started);
            var timedOut = e is TimeoutException or OperationCanceledException;
            var why = timedOut ? $"timed out after {timeout.TotalMilliseconds:0} ms" : $"{e.GetType().Name}: {e.Message}";
            statistics.Failed(took, why);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, why);
            metrics.Record(plugin.Name, hook, timedOut ? "timeout" : "failed", took);
            logger.LogWarning(timedOut ? null : e, "Plugin {Plugin} failed in {Hook} ({Why}); the service goes on without it",
                plugin.Name, hook, why);
            return default;
        }
    }
}
