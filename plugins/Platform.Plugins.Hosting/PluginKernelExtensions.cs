using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Plugins.Hosting;

public static class PluginKernelExtensions
{
    /// <summary>
    /// The microkernel with the host's built-in plugins and those in its plugins folder (the "Plugins" section: the
    /// folder, the hook timeout, and each plugin's Enabled and Settings), for the hooks the host offers.
    /// </summary>
    public static IHostApplicationBuilder AddPluginKernel(this IHostApplicationBuilder builder, IEnumerable<Type> builtIns, IReadOnlyList<HookKind> kinds)
    {
        builder.Services.Configure<PluginOptions>(builder.Configuration.GetSection("Plugins"));
        builder.Services.AddSingleton<PluginMetrics>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IReadOnlyList<LoadedPlugin>>(services => PluginCatalog.Load(
            builtIns, services.GetRequiredService<IOptions<PluginOptions>>().Value.Directory, builder.Configuration, kinds,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PluginCatalog))));
        builder.Services.AddSingleton<PluginKernel>();
        return builder;
    }
}
