using Platform.Plugins;
using Platform.Plugins.Hosting;
using Platform.UserCommand.Application.ListingPlugins;
using Platform.UserCommand.Application.RegisteringUser;

namespace Platform.UserCommand.Infrastructure.Plugins;

/// <summary>
/// The registration's hooks on the shared microkernel (<see cref="PluginKernel"/>): the enabled plugins' hooks in
/// turn, each within the hook timeout; one that throws or runs late is passed over. Only a pre-registration hook's
/// explicit refusal stops a registration.
/// </summary>
public sealed class PluginHost(PluginKernel kernel) : IRegistrationHooks, IPluginInventory
{
    public IReadOnlyList<PluginReport> Describe() =>
    [
        .. kernel.Plugins.Select(plugin => new PluginReport(plugin.Name, plugin.Source, plugin.State.ToString().ToLowerInvariant(),
            [.. plugin.Hooks.Select(hook => Report(hook, plugin.For(hook)))], plugin.Failure)),
    ];

    private static HookReport Report(string hook, HookStatistics statistics) =>
        new(hook, statistics.Calls, statistics.Failures, Math.Round(statistics.MeanMilliseconds, 3), statistics.LastFailure);

    public async Task<HookRefusal?> BeforeRegistrationAsync(string name, string email, CancellationToken cancellationToken)
    {
        var candidate = new RegistrationCandidate(name, email);
        foreach (var (plugin, hook) in kernel.Enabled<IPreRegistrationHook>())
        {
            var verdict = await kernel.RunAsync(plugin, HookNames.PreRegistration, ct => hook.BeforeRegistrationAsync(candidate, ct),
                cancellationToken, refused: verdict => verdict.IsRejected);
            if (verdict is { IsRejected: true })
                return new HookRefusal(plugin.Name, verdict.RejectionReason!);
        }
        return null;
    }

    public async Task AfterRegistrationAsync(Guid userId, string name, string email, CancellationToken cancellationToken)
    {
        var user = new RegisteredUser(userId, name, email);
        foreach (var (plugin, hook) in kernel.Enabled<IPostRegistrationHook>())
            await kernel.RunAsync<object?>(plugin, HookNames.PostRegistration, async ct =>
            {
                await hook.AfterRegistrationAsync(user, ct);
                return null;
            }, cancellationToken);
    }
}
