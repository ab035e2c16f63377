using Platform.Plugins;

namespace Platform.UserCommand.Tests.Plugins;

/// <summary>Plugins that behave in one way each, to drive the plugin host in its tests.</summary>
public sealed class RefusingPlugin(string reason) : IPreRegistrationHook
{
    public string Name => "refusing";

    public Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken) =>
        Task.FromResult(HookVerdict.Reject(reason));
}

public sealed class ThrowingPlugin : IPreRegistrationHook, IPostRegistrationHook
{
    public string Name => "throwing";

    public Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("broken before");

    public Task AfterRegistrationAsync(RegisteredUser user, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("broken after");
}

/// <summary>Never finishes and ignores its token, as a stuck plugin does.</summary>
public sealed class HangingPlugin : IPreRegistrationHook
{
    public string Name => "hanging";

    public async Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
        return HookVerdict.Allow;
    }
}

public sealed class CountingPlugin : IPreRegistrationHook, IPostRegistrationHook
{
    public string Name => "counting";

    public List<string> Seen { get; } = [];

    public Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken)
    {
        Seen.Add($"before {candidate.Email}");
        return Task.FromResult(HookVerdict.Allow);
    }

    public Task AfterRegistrationAsync(RegisteredUser user, CancellationToken cancellationToken)
    {
        Seen.Add($"after {user.Email}");
        return Task.CompletedTask;
    }
}
