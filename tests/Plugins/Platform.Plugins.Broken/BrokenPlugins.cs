using Platform.Plugins.Absent;

namespace Platform.Plugins.Broken;

/// <summary>Its constructor throws, as a plugin missing its configuration does.</summary>
public sealed class ThrowingConstructorPlugin : IPreRegistrationHook
{
    public ThrowingConstructorPlugin() => throw new InvalidOperationException("no licence key configured");

    public string Name => "throwing-constructor";

    public Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken) =>
        Task.FromResult(HookVerdict.Allow);
}

/// <summary>Its constructor needs an assembly that was not deployed beside it.</summary>
public sealed class MissingDependencyPlugin : IPreRegistrationHook
{
    private readonly string licence;

    public MissingDependencyPlugin() => licence = new LicenceServer().Check();

    public string Name => "missing-dependency";

    public Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken) =>
        Task.FromResult(licence.Length > 0 ? HookVerdict.Allow : HookVerdict.Reject("unlicensed"));
}

/// <summary>Loads and runs: the broken plugins beside it must not take it down.</summary>
public sealed class SoundPlugin : IPostRegistrationHook
{
    public string Name => "sound";

    public Task AfterRegistrationAsync(RegisteredUser user, CancellationToken cancellationToken) => Task.CompletedTask;
}
