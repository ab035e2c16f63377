using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Plugins;
using Platform.Plugins.Hosting;
using Platform.UserCommand.Application;
using Platform.UserCommand.Application.RegisteringUser;
using Platform.UserCommand.Infrastructure.Plugins;

namespace Platform.UserCommand.Tests.Plugins;

public sealed class PluginHostTests
{
    // Generous, so a busy machine (the end-to-end suite runs beside these tests) never makes a quick hook late;
    // the hanging plugin's test sets its own short one.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task A_refusal_names_the_plugin_and_its_reason_and_stops_the_later_hooks()
    {
        var counting = new CountingPlugin();
        var host = Host(Enabled(new RefusingPlugin("not today")), Enabled(counting));

        var refusal = await host.BeforeRegistrationAsync("Ada", "ada@example.com", default);

        Assert.Equal(new HookRefusal("refusing", "not today"), refusal);
        Assert.Empty(counting.Seen);
    }

    [Fact]
    public async Task A_plugin_that_throws_is_passed_over_and_counted_as_failed()
    {
        var counting = new CountingPlugin();
        var throwing = Enabled(new ThrowingPlugin());
        var host = Host(throwing, Enabled(counting));

        Assert.Null(await host.BeforeRegistrationAsync("Ada", "ada@example.com", default));
        await host.AfterRegistrationAsync(Guid.NewGuid(), "Ada", "ada@example.com", default);

        Assert.Equal(["before ada@example.com", "after ada@example.com"], counting.Seen);
        Assert.Equal((1, 1), (throwing.For(HookNames.PreRegistration).Calls, throwing.For(HookNames.PreRegistration).Failures));
        Assert.Equal((1, 1), (throwing.For(HookNames.PostRegistration).Calls, throwing.For(HookNames.PostRegistration).Failures));
        Assert.Contains("broken before", throwing.For(HookNames.PreRegistration).LastFailure);
    }

    [Fact]
    public async Task A_plugin_that_hangs_is_left_behind_at_the_timeout()
    {
        var hanging = Enabled(new HangingPlugin());
        var host = Host(new ServiceCollection().AddMetrics().BuildServiceProvider(), ShortTimeout, hanging);
        var clock = Stopwatch.StartNew();

        Assert.Null(await host.BeforeRegistrationAsync("Ada", "ada@example.com", default));

        // Left behind at the timeout: the plugin itself sleeps 30 s. Timers fire on a coarser clock than the stopwatch's,
        // so the timeout may read a millisecond short of itself (a clean-clone run measured 199.05 ms for 200 ms).
        Assert.InRange(clock.Elapsed, ShortTimeout - TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));
        Assert.Equal(1, hanging.For(HookNames.PreRegistration).Failures);
        Assert.Contains("timed out", hanging.For(HookNames.PreRegistration).LastFailure);
    }

    [Fact]
    public async Task A_disabled_plugin_is_not_called()
    {
        var counting = new CountingPlugin();
        var host = Host(LoadedPlugin.Loaded(counting, "built-in", enabled: false, HookNames.Kinds));

        await host.BeforeRegistrationAsync("Ada", "ada@example.com", default);
        await host.AfterRegistrationAsync(Guid.NewGuid(), "Ada", "ada@example.com", default);

        Assert.Empty(counting.Seen);
        Assert.Equal("disabled", Assert.Single(host.Describe()).State);
    }

    [Fact]
    public async Task The_inventory_lists_each_hook_with_its_calls_and_failures()
    {
        var host = Host(Enabled(new CountingPlugin()), Enabled(new ThrowingPlugin()));

        await host.BeforeRegistrationAsync("Ada", "ada@example.com", default);

        var throwing = host.Describe().Single(plugin => plugin.Name == "throwing");
        Assert.Equal([HookNames.PreRegistration, HookNames.PostRegistration], throwing.Hooks.Select(hook => hook.Hook));
        Assert.Equal((1L, 1L), (throwing.Hooks[0].Calls, throwing.Hooks[0].Failures));
        Assert.Equal((0L, 0L), (throwing.Hooks[1].Calls, throwing.Hooks[1].Failures));
    }

    [Fact]
    public async Task Every_call_is_a_metric_tagged_with_its_outcome()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var outcomes = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This test's meters only: other tests' hosts record in parallel.
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == PluginMetrics.MeterName && instrument.Name == "platform.plugin.hook.calls")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            outcomes.Add($"{Tag(tags, "plugin")}:{Tag(tags, "outcome")}"));
        listener.Start();
        var host = Host(services, Timeout, Enabled(new ThrowingPlugin()), Enabled(new RefusingPlugin("no")));

        await host.BeforeRegistrationAsync("Ada", "ada@example.com", default);

        Assert.Equal(["throwing:failed", "refusing:refused"], outcomes);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
            if (tag.Key == key)
                return tag.Value?.ToString();
        return null;
    }

    private static LoadedPlugin Enabled(IPlugin plugin) => LoadedPlugin.Loaded(plugin, "built-in", enabled: true, HookNames.Kinds);

    private static PluginHost Host(params LoadedPlugin[] plugins) =>
        Host(new ServiceCollection().AddMetrics().BuildServiceProvider(), Timeout, plugins);

    private static PluginHost Host(IServiceProvider services, TimeSpan timeout, params LoadedPlugin[] plugins) => new(new PluginKernel(
        plugins,
        Options.Create(new PluginOptions { HookTimeout = timeout }),
        new PluginMetrics(services.GetRequiredService<IMeterFactory>()),
        TimeProvider.System,
        NullLogger<PluginKernel>.Instance));
}
