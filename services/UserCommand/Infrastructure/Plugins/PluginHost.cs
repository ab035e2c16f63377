using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Plugins;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Application.ListingPlugins;

namespace Platform.UserCommand.Infrastructure.Plugins;

/// <summary>
/// The microkernel: runs the enabled plugins' hooks in turn, each within the hook timeout. A hook that throws or
/// runs late is logged, counted (per plugin, and as a metric) and passed over: the core never fails because of a
/// plugin. Only a pre-registration hook's explicit refusal stops a registration.
/// </summary>
public sealed class PluginHost(
    IReadOnlyList<LoadedPlugin> plugins, IOptions<PluginOptions> options, PluginMetrics metrics, TimeProvider clock, ILogger<PluginHost> logger)
    : IRegistrationHooks, IPluginInventory
{
    public IReadOnlyList<PluginReport> Describe() =>
    [
        .. plugins.Select(plugin => new PluginReport(plugin.Name, plugin.Source, plugin.State.ToString().ToLowerInvariant(),
            [.. plugin.Hooks.Select(hook => Report(hook, hook == HookNames.PreRegistration ? plugin.Before : plugin.After))], plugin.Failure)),
    ];

    private static HookReport Report(string hook, HookStatistics statistics) =>
        new(hook, statistics.Calls, statistics.Failures, Math.Round(statistics.MeanMilliseconds, 3), statistics.LastFailure);

    public async Task<HookRefusal?> BeforeRegistrationAsync(string name, string email, CancellationToken cancellationToken)
    {
        var candidate = new RegistrationCandidate(name, email);
        foreach (var plugin in Enabled<IPreRegistrationHook>())
        {
            var verdict = await RunAsync(plugin, HookNames.PreRegistration, plugin.Before,
                ct => ((IPreRegistrationHook)plugin.Plugin!).BeforeRegistrationAsync(candidate, ct), cancellationToken);
            if (verdict is { IsRejected: true })
                return new HookRefusal(plugin.Name, verdict.RejectionReason!);
        }
        return null;
    }

    public async Task AfterRegistrationAsync(Guid userId, string name, string email, CancellationToken cancellationToken)
    {
        var user = new RegisteredUser(userId, name, email);
        foreach (var plugin in Enabled<IPostRegistrationHook>())
        {
            await RunAsync<object?>(plugin, HookNames.PostRegistration, plugin.After, async ct =>
            {
                await ((IPostRegistrationHook)plugin.Plugin!).AfterRegistrationAsync(user, ct);
                return null;
            }, cancellationToken);
        }
    }

    private IEnumerable<LoadedPlugin> Enabled<THook>() => plugins.Where(plugin => plugin.Enabled && plugin.Plugin is THook);

    /// <summary>Runs one hook; its result, or default when it failed or timed out.</summary>
    private async Task<T?> RunAsync<T>(
        LoadedPlugin plugin, string hook, HookStatistics statistics, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var timeout = options.Value.HookTimeout;
        var started = clock.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // WaitAsync: a hook that ignores its token is left behind rather than waited for.
            var result = await Task.Run(() => call(deadline.Token), CancellationToken.None).WaitAsync(timeout, cancellationToken);
            var took = clock.GetElapsedTime(started);
            statistics.Succeeded(took);
            metrics.Record(plugin.Name, hook, result is HookVerdict { IsRejected: true } ? "refused" : "ok", took);
            return result;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var took = clock.GetElapsedTime(started);
            var timedOut = e is TimeoutException or OperationCanceledException;
            var why = timedOut ? $"timed out after {timeout.TotalMilliseconds:0} ms" : $"{e.GetType().Name}: {e.Message}";
            statistics.Failed(took, why);
            metrics.Record(plugin.Name, hook, timedOut ? "timeout" : "failed", took);
            logger.LogWarning(timedOut ? null : e, "Plugin {Plugin} failed in {Hook} ({Why}); the registration goes on without it",
                plugin.Name, hook, why);
            return default;
        }
    }
}
