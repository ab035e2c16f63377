using System.Reflection;
using Platform.Plugins;
using Platform.UserCommand.Infrastructure.Plugins.BuiltIn;

namespace Platform.UserCommand.Infrastructure.Plugins;

/// <summary>Finds the plugins: the built-in ones, and one assembly per subfolder of the plugins folder, each in its own load context.</summary>
public static class PluginCatalog
{
    public static IReadOnlyList<LoadedPlugin> Load(PluginOptions options, IConfiguration configuration, ILogger logger)
    {
        var plugins = new List<LoadedPlugin>();
        foreach (var type in new[] { typeof(DisposableEmailDomainsPlugin) })
            plugins.Add(Create(type, "built-in", configuration));

        foreach (var path in PluginAssemblies(options.Directory))
        {
            try
            {
                var assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
                plugins.AddRange(PluginTypes(assembly).Select(type => Create(type, path, configuration)));
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or ReflectionTypeLoadException or MissingMethodException)
            {
                logger.LogError(e, "Plugin assembly {Path} could not be loaded; the service goes on without it", path);
            }
        }

        foreach (var plugin in plugins)
            logger.LogInformation("Plugin {Plugin} ({Hooks}) from {Source}: {State}",
                plugin.Plugin.Name, string.Join(", ", plugin.Hooks), plugin.Source, plugin.Enabled ? "enabled" : "disabled");
        return plugins;
    }

    /// <summary>{Directory}/{Name}/{Name}.dll: the folder's name says which assembly is the plugin, the rest are its dependencies.</summary>
    private static IEnumerable<string> PluginAssemblies(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory)
                .Select(folder => Path.Combine(folder, Path.GetFileName(folder) + ".dll"))
                .Where(File.Exists)
                .Order()
            : [];

    private static IEnumerable<Type> PluginTypes(Assembly assembly) =>
        assembly.GetExportedTypes().Where(type => typeof(IPlugin).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false });

    private static LoadedPlugin Create(Type type, string source, IConfiguration configuration)
    {
        // Settings are found by the plugin's name, which only an instance knows: one bare instance tells it.
        var name = Construct(type, PluginContext.Empty).Name;
        var plugin = Construct(type, Context(configuration, name));
        return new LoadedPlugin(plugin, source, configuration.GetValue($"Plugins:{name}:Enabled", defaultValue: true));
    }

    private static IPlugin Construct(Type type, PluginContext context) =>
        (IPlugin)(type.GetConstructor([typeof(PluginContext)]) is { } withContext
            ? withContext.Invoke([context])
            : Activator.CreateInstance(type)!);

    private static PluginContext Context(IConfiguration configuration, string name) =>
        new(configuration.GetSection($"Plugins:{name}:Settings").AsEnumerable(makePathsRelative: true)
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key, setting => setting.Value!));
}
