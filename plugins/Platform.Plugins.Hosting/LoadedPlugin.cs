namespace Platform.Plugins.Hosting;

/// <summary>A hook a host offers: the contract a plugin implements to hang on it, and its name in reports and metrics.</summary>
public sealed record HookKind(Type Contract, string Name);

/// <summary>
/// A plugin as the host holds it: the instance (none when it failed to load or construct), where it came from, its
/// state, the hooks it implements, and how each of them fared.
/// </summary>
public sealed class LoadedPlugin
{
    private readonly Dictionary<string, HookStatistics> statistics;

    private LoadedPlugin(string name, IPlugin? plugin, string source, PluginState state, string? failure, IReadOnlyList<string> hooks)
    {
        Name = name;
        Plugin = plugin;
        Source = source;
        State = state;
        Failure = failure;
        Hooks = hooks;
        statistics = hooks.ToDictionary(hook => hook, _ => new HookStatistics());
    }

    /// <param name="kinds">The host's hooks: those the plugin implements are its hooks here.</param>
    public static LoadedPlugin Loaded(IPlugin plugin, string source, bool enabled, IEnumerable<HookKind> kinds) =>
        new(plugin.Name, plugin, source, enabled ? PluginState.Enabled : PluginState.Disabled, null,
            [.. kinds.Where(kind => kind.Contract.IsInstanceOfType(plugin)).Select(kind => kind.Name)]);

    /// <param name="name">The plugin's name when an instance told it; otherwise its type's or its assembly's.</param>
    public static LoadedPlugin Failed(string name, string source, string reason) => new(name, null, source, PluginState.Failed, reason, []);

    public string Name { get; }

    public IPlugin? Plugin { get; }

    /// <summary>"built-in", or the path of the assembly it was loaded from.</summary>
    public string Source { get; }

    public PluginState State { get; }

    /// <summary>Why it failed to load or construct: the exception's type and message.</summary>
    public string? Failure { get; }

    public bool Enabled => State == PluginState.Enabled;

    /// <summary>The names of the host's hooks this plugin implements, in the host's order.</summary>
    public IReadOnlyList<string> Hooks { get; }

    /// <summary>How the plugin's hook fared so far.</summary>
    public HookStatistics For(string hook) => statistics[hook];
}

public enum PluginState
{
    Enabled,
    Disabled,

    /// <summary>Its assembly, a dependency or its constructor threw: the host goes on without it.</summary>
    Failed,
}
