using Platform.Plugins;

namespace Platform.UserCommand.Infrastructure.Plugins;

/// <summary>A plugin as the host holds it: the instance, where it came from, whether it runs, and how its hooks fared.</summary>
public sealed class LoadedPlugin(IPlugin plugin, string source, bool enabled)
{
    public IPlugin Plugin { get; } = plugin;

    /// <summary>"built-in", or the path of the assembly it was loaded from.</summary>
    public string Source { get; } = source;

    public bool Enabled { get; } = enabled;

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

public static class HookNames
{
    public const string PreRegistration = "pre_user_registration";
    public const string PostRegistration = "post_user_registration";
}
