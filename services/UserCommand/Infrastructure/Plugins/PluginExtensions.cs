using Platform.Plugins.Hosting;
using Platform.UserCommand.Application.ListingPlugins;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Infrastructure.Plugins.BuiltIn;

namespace Platform.UserCommand.Infrastructure.Plugins;

public static class PluginExtensions
{
    /// <summary>The microkernel (shared, <see cref="PluginKernelExtensions"/>): built-in plugins and those in the plugins folder, behind <see cref="IRegistrationHooks"/>.</summary>
    public static IHostApplicationBuilder AddRegistrationPlugins(this IHostApplicationBuilder builder)
    {
        builder.AddPluginKernel([typeof(DisposableEmailDomainsPlugin)], HookNames.Kinds);
        builder.Services.AddSingleton<PluginHost>();
        builder.Services.AddSingleton<IRegistrationHooks>(services => services.GetRequiredService<PluginHost>());
        builder.Services.AddSingleton<IPluginInventory>(services => services.GetRequiredService<PluginHost>());
        return builder;
    }
}
