namespace Platform.Plugins.Hosting;

/// <summary>The "Plugins" section: where plugins are found, how long a hook may take, and each plugin's own entry.</summary>
public sealed class PluginOptions
{
    /// <summary>Each subfolder holds one plugin: {Folder}/{Name}/{Name}.dll with its dependencies. Default: plugins/ beside the service.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>How long a hook may run before the core goes on without it.</summary>
    public TimeSpan HookTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
