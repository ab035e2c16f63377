using System.Net;
using System.Text.Json;
using Platform.EndToEndTests.Infrastructure;

namespace Platform.EndToEndTests.Plugins;

/// <summary>user-command's microkernel through the gateway: plugins that refuse, misbehave, or come from the plugins folder.</summary>
[Collection(PlatformCollection.Name)]
public sealed class RegistrationPluginTests(PlatformFixture platform)
{
    private readonly UsersApi users = new(platform.Gateway);
    private readonly UsersApi admin = new(platform.Admin);

    [Fact]
    public async Task A_disposable_domain_is_refused_with_422_naming_the_plugin()
    {
        using var response = await users.RegisterAsync("Throwaway", $"someone-{Guid.NewGuid():N}@mailinator.com");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("disposable-email-domains", problem.GetProperty("plugin").GetString());
    }

    [Fact]
    public async Task A_plugin_that_throws_and_one_that_hangs_do_not_stop_registration_and_their_failures_are_listed()
    {
        var before = await HookAsync("fault-injection", "pre_user_registration");

        var thrown = await users.RegisterNewAsync("Ada #throw");
        var hung = await users.RegisterNewAsync("Ada #hang");

        await users.WaitForProfileAsync(thrown, TimeSpan.FromSeconds(10));
        await users.WaitForProfileAsync(hung, TimeSpan.FromSeconds(10));
        var pre = await HookAsync("fault-injection", "pre_user_registration");
        var post = await HookAsync("fault-injection", "post_user_registration");
        Assert.Equal(before.GetProperty("failures").GetInt64() + 2, pre.GetProperty("failures").GetInt64());
        Assert.True(post.GetProperty("failures").GetInt64() >= 2, post.ToString());
        Assert.Contains("timed out", pre.GetProperty("lastFailure").GetString());
    }

    [Fact]
    public async Task The_example_plugin_is_loaded_from_the_plugins_folder_and_observes_registrations()
    {
        await users.RegisterNewAsync("Counted User");

        var tally = await PluginAsync("registration-tally");
        Assert.EndsWith("/plugins/Platform.Plugins.Examples/Platform.Plugins.Examples.dll", tally.GetProperty("source").GetString());
        Assert.Equal("enabled", tally.GetProperty("state").GetString());
        Assert.True(tally.GetProperty("hooks")[0].GetProperty("calls").GetInt64() >= 1, tally.ToString());
    }

    private async Task<JsonElement> PluginAsync(string name) =>
        (await admin.GetJsonAsync("/api/admin/plugins")).EnumerateArray().Single(plugin => plugin.GetProperty("name").GetString() == name);

    private async Task<JsonElement> HookAsync(string plugin, string hook) =>
        (await PluginAsync(plugin)).GetProperty("hooks").EnumerateArray().Single(h => h.GetProperty("hook").GetString() == hook);
}
