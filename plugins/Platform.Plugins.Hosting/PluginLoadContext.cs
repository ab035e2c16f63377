using System.Reflection;
using System.Runtime.Loader;
using Platform.Plugins;

namespace Platform.Plugins.Hosting;

/// <summary>
/// Isolates one plugin assembly and its own dependencies (resolved from its .deps.json), so two plugins may
/// carry different versions of a library. The contract assembly is the one exception: it always resolves to
/// the host's copy, or the plugin's IPlugin would be a different type from the host's.
/// </summary>
public sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(pluginPath))
{
    private static readonly string Contract = typeof(IPlugin).Assembly.GetName().Name!;
    private readonly AssemblyDependencyResolver resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == Contract)
            return null; // fall back to the host's
        return resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
