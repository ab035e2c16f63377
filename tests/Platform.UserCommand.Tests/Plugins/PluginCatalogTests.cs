using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Plugins;
using Platform.Plugins.Hosting;
using Platform.UserCommand.Infrastructure.Plugins;

namespace Platform.UserCommand.Tests.Plugins;

/// <summary>
/// Loading plugins: whatever a plugin throws while its assembly loads or it constructs marks it failed, with the
/// reason, and the rest of the catalog (and every registration) goes on. The broken plugins are a real assembly,
/// Platform.Plugins.Broken, deployed into a plugins folder without the assembly it depends on.
/// </summary>
public sealed class PluginCatalogTests
{
    private static readonly string BrokenPlugins = Path.Combine(AppContext.BaseDirectory, "broken-plugins");
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    private static IReadOnlyList<LoadedPlugin> Catalog(params Type[] builtIns) =>
        PluginCatalog.Load(builtIns, BrokenPlugins, NoSettings, HookNames.Kinds, NullLogger.Instance);

    [Fact]
    public void A_plugin_whose_constructor_throws_is_failed_with_its_reason()
    {
        var failed = Assert.Single(Catalog(), plugin => plugin.Name.EndsWith("ThrowingConstructorPlugin", StringComparison.Ordinal));
        Assert.Equal(PluginState.Failed, failed.State);
        Assert.Equal("InvalidOperationException: no licence key configured", failed.Failure);
        Assert.Null(failed.Plugin);
        Assert.EndsWith("Platform.Plugins.Broken.dll", failed.Source);
    }

    [Fact]
    public void A_plugin_whose_dependency_is_missing_is_failed_and_names_the_dependency()
    {
        var failed = Assert.Single(Catalog(), plugin => plugin.Name.EndsWith("MissingDependencyPlugin", StringComparison.Ordinal));
        Assert.Equal(PluginState.Failed, failed.State);
        Assert.StartsWith("FileNotFoundException", failed.Failure);
        Assert.Contains("Platform.Plugins.Absent", failed.Failure);
    }

    [Fact]
    public void The_sound_plugins_beside_the_broken_ones_load_and_are_enabled()
    {
        var catalog = Catalog(typeof(CountingPlugin));
        Assert.Equal(PluginState.Enabled, Assert.Single(catalog, plugin => plugin.Name == "counting").State);
        Assert.Equal(PluginState.Enabled, Assert.Single(catalog, plugin => plugin.Name == "sound").State);
    }

    [Fact]
    public void A_built_in_plugin_whose_constructor_throws_is_failed_too()
    {
        var failed = Assert.Single(PluginCatalog.Load([typeof(UnconstructiblePlugin)], "/no/plugins/here", NoSettings, HookNames.Kinds, NullLogger.Instance));
        Assert.Equal((PluginState.Failed, "built-in"), (failed.State, failed.Source));
        Assert.Equal("NotSupportedException: cannot be made", failed.Failure);
    }

    [Fact]
    public void An_assembly_that_is_not_one_fails_alone()
    {
        var folder = Directory.CreateTempSubdirectory("plugins-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "garbage"));
            File.WriteAllText(Path.Combine(folder.FullName, "garbage", "garbage.dll"), "not a PE image");
            var failed = Assert.Single(PluginCatalog.Load([], folder.FullName, NoSettings, HookNames.Kinds, NullLogger.Instance));
            Assert.Equal(("garbage", PluginState.Failed), (failed.Name, failed.State));
            Assert.StartsWith("BadImageFormatException", failed.Failure);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Registrations_go_on_and_the_inventory_reports_the_failed_plugins_with_their_reasons()
    {
        var catalog = Catalog(typeof(CountingPlugin));
        // A generous timeout: this test is about failed loads, and the identity tests hash passwords beside it on two cores.
        var host = new PluginHost(new PluginKernel(catalog, Options.Create(new PluginOptions { HookTimeout = TimeSpan.FromSeconds(10) }),
            new PluginMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            TimeProvider.System, NullLogger<PluginKernel>.Instance));

        Assert.Null(await host.BeforeRegistrationAsync("Ada", "ada@example.com", CancellationToken.None));
        await host.AfterRegistrationAsync(Guid.NewGuid(), "Ada", "ada@example.com", CancellationToken.None);

        var reports = host.Describe();
        Assert.Equal(["counting enabled", "sound enabled"],
            reports.Where(report => report.State != "failed").Select(report => $"{report.Name} {report.State}").Order());
        Assert.Equal(2, reports.Count(report => report.State == "failed"));
        Assert.All(reports.Where(report => report.State == "failed"), report => Assert.False(string.IsNullOrEmpty(report.Failure)));
        Assert.Equal(["before ada@example.com", "after ada@example.com"],
            ((CountingPlugin)catalog.Single(plugin => plugin.Name == "counting").Plugin!).Seen);
    }
}

/// <summary>A built-in whose constructor throws.</summary>
public sealed class UnconstructiblePlugin : IPlugin
{
    public UnconstructiblePlugin() => throw new NotSupportedException("cannot be made");

    public string Name => "unconstructible";
}
