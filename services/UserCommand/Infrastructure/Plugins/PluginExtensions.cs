using Platform.UserCommand.Application;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Application.ListingPlugins;

namespace Platform.UserCommand.Infrastructure.Plugins;

public static class PluginExtensions
{
    /// <summary>The microkernel: built-in plugins and those in the plugins folder, behind <see cref="IRegistrationHooks"/>.</summary>
    public static IHostApplicationBuilder AddRegistrationPlugins(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<PluginOptions>(builder.Configuration.GetSection("Plugins"));
        builder.Services.AddSingleton<PluginMetrics>();
        builder.Services.AddSingleton(services => PluginCatalog.Load(
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PluginOptions>>().Value,
            builder.Configuration,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PluginCatalog))));
        builder.Services.AddSingleton<PluginHost>();
        builder.Services.AddSingleton<IRegistrationHooks>(services => services.GetRequiredService<PluginHost>());
        builder.Services.AddSingleton<IPluginInventory>(services => services.GetRequiredService<PluginHost>());
        return builder;
    }
}
