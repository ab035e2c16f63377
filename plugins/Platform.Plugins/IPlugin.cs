namespace Platform.Plugins;

/// <summary>
/// A plugin of user-command's microkernel: it implements one or both hooks around a registration. A plugin
/// class has a public constructor taking a <see cref="PluginContext"/>, or none. The host runs each hook within
/// a timeout; a hook that throws or runs late is logged and counted, and the registration goes on.
/// </summary>
public interface IPlugin
{
    /// <summary>Its name in configuration (Plugins:{Name}:Enabled, Plugins:{Name}:Settings) and in GET /api/admin/plugins.</summary>
    string Name { get; }
}

/// <summary>Runs before a registration is recorded, and may refuse it.</summary>
public interface IPreRegistrationHook : IPlugin
{
    Task<HookVerdict> BeforeRegistrationAsync(RegistrationCandidate candidate, CancellationToken cancellationToken);
}

/// <summary>Runs after a registration is recorded: it observes, it cannot undo.</summary>
public interface IPostRegistrationHook : IPlugin
{
    Task AfterRegistrationAsync(RegisteredUser user, CancellationToken cancellationToken);
}
