namespace Platform.Plugins.Examples;

/// <summary>
/// A plugin that misbehaves on request, to show that the core survives its plugins: in both hooks it throws for a
/// user whose name contains "#throw", and for one whose name contains "#hang" it does not return for a minute. Disabled unless
/// Plugins:fault-injection:Enabled is true (the AppHost sets it in Development).
/// </summary>
public sealed class FaultInjectionPlugin : IPreRegistrationHook, IPostRegistrationHook
{
    public string Name => "fault-injection";

    public async Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken)
    {
        await MisbehaveAsync(candidate.Name);
        return HookVerdict.Allow;
    }

    public Task AfterRegistrationAsync(RegisteredUser user, CancellationToken cancellationToken) => MisbehaveAsync(user.Name);

    private static async Task MisbehaveAsync(string name)
    {
        if (name.Contains("#throw", StringComparison.Ordinal))
            throw new InvalidOperationException("fault-injection: asked to throw");
        if (name.Contains("#hang", StringComparison.Ordinal))
            await Task.Delay(TimeSpan.FromMinutes(1), CancellationToken.None); // deaf to cancellation, as a stuck plugin is
    }
}
