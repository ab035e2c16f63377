using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Platform.Plugins.Hosting;

/// <summary>
/// Finds the plugins: the built-in ones, and one assembly per subfolder of the plugins folder, each in its own load
/// context. Whatever a plugin throws while it loads or constructs (a bad image, a missing dependency, its own
/// constructor) marks that plugin <see cref="PluginState.Failed"/> with the reason; the others, and the service, go on.
/// A plugin is this host's only if it implements one of its hooks: an assembly may carry plugins for several hosts.
/// </summary>
public static class PluginCatalog
{
    /// <summary>The catalog from <paramref name="builtIns"/> and the plugins under <paramref name="directory"/>.</summary>
    public static IReadOnlyList<LoadedPlugin> Load(
        IEnumerable<Type> builtIns, string directory, IConfiguration configuration, IReadOnlyList<HookKind> kinds, ILogger logger)
    {
        var plugins = builtIns.Select(type => Create(type, "built-in", configuration, kinds)).ToList();
        foreach (var path in PluginAssemblies(directory))
            plugins.AddRange(FromAssembly(path, configuration, kinds));

        foreach (var plugin in plugins)
        {
            if (plugin.State == PluginState.Failed)
                logger.LogError("Plugin {Plugin} from {Source} failed to load ({Failure}); the service goes on without it",
                    plugin.Name, plugin.Source, plugin.Failure);
            else
                logger.LogInformation("Plugin {Plugin} ({Hooks}) from {Source}: {State}",
                    plugin.Name, string.Join(", ", plugin.Hooks), plugin.Source, plugin.State);
        }
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

    private static IEnumerable<LoadedPlugin> FromAssembly(string path, IConfiguration configuration, IReadOnlyList<HookKind> kinds)
    {
        Type[] types;
        try
        {
            var assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
            types = [.. assembly.GetExportedTypes().Where(type => type is { IsAbstract: false, IsInterface: false }
                && kinds.Any(kind => kind.Contract.IsAssignableFrom(type)))];
        }
        catch (Exception e)
        {
            return [LoadedPlugin.Failed(Path.GetFileNameWithoutExtension(path), path, Reason(e))];
        }
        return types.Select(type => Create(type, path, configuration, kinds));
    }

    private static LoadedPlugin Create(Type type, string source, IConfiguration configuration, IReadOnlyList<HookKind> kinds)
    {
        try
        {
            // Settings are found by the plugin's name, which only an instance knows: one bare instance tells it.
            var name = Construct(type, PluginContext.Empty).Name;
            var plugin = Construct(type, Context(configuration, name));
            return LoadedPlugin.Loaded(plugin, source, configuration.GetValue($"Plugins:{name}:Enabled", defaultValue: true), kinds);
        }
        catch (Exception e)
        {
            return LoadedPlugin.Failed(type.FullName ?? type.Name, source, Reason(e));
        }
    }

    private static IPlugin Construct(Type type, PluginContext context) =>
        (IPlugin)(type.GetConstructor([typeof(PluginContext)]) is { } withContext
            ? withContext.Invoke([context])
            : Activator.CreateInstance(type)!);

    /// <summary>The exception a constructor threw, not reflection's wrapper around it.</summary>
    private static string Reason(Exception e)
    {
        while (e is TargetInvocationException { InnerException: { } inner })
            e = inner;
        return $"{e.GetType().Name}: {e.Message}";
    }

    private static PluginContext Context(IConfiguration configuration, string name) =>
        new(configuration.GetSection($"Plugins:{name}:Settings").AsEnumerable(makePathsRelative: true)
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key, setting => setting.Value!));
}
