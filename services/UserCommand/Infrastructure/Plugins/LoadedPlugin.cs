using Platform.Plugins;

namespace Platform.UserCommand.Infrastructure.Plugins;

/// <summary>
/// A plugin as the host holds it: the instance (none when it failed to load or construct), where it came from, its
/// state, and how its hooks fared.
/// </summary>
public sealed class LoadedPlugin
{
    private LoadedPlugin(string name, IPlugin? plugin, string source, PluginState state, string? failure)
    {
        Name = name;
        Plugin = plugin;
        Source = source;
        State = state;
        Failure = failure;
    }

    public static LoadedPlugin Loaded(IPlugin plugin, string source, bool enabled) =>
        new(plugin.Name, plugin, source, enabled ? PluginState.Enabled : PluginState.Disabled, null);

    /// <param name="name">The plugin's name when an instance told it; otherwise its type's or its assembly's.</param>
    public static LoadedPlugin Failed(string name, string source, string reason) => new(name, null, source, PluginState.Failed, reason);

    public string Name { get; }

    public IPlugin? Plugin { get; }

    /// <summary>"built-in", or the path of the assembly it was loaded from.</summary>
    public string Source { get; }

    public PluginState State { get; }

    /// <summary>Why it failed to load or construct: the exception's type and message.</summary>
    public string? Failure { get; }

    public bool Enabled => State == PluginState.Enabled;

    public HookStatistics Before { get; } = new();

    public HookStatistics After { get; } = new();

    public IEnumerable<string> Hooks
    {
        get
        {
            if (Plugin is IPreRegistrationHook)
                yield return HookNames.PreRegistration;
            if (Plugin is IPostRegistrationHook)
                yield return HookNames.PostRegistration;
        }
    }
}

public enum PluginState
{
    Enabled,
    Disabled,

    /// <summary>Its assembly, a dependency or its constructor threw: the host goes on without it.</summary>
    Failed,
}

public static class HookNames
{
    public const string PreRegistration = "pre_user_registration";
    public const string PostRegistration = "post_user_registration";
}
