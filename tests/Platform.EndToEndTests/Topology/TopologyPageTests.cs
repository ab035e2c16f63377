using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Platform.EndToEndTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests.Topology;

/// <summary>
/// /topology in a real browser (Debian's Chromium, driven by Playwright): after the admin token, it draws every
/// service with its instances, every queue RabbitMQ itself lists, the event stores' lag, the functions with their instances, and it follows traffic by itself.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TopologyPageTests(PlatformFixture platform)
{
    private static readonly string[] Services = ["user-command", "user-query", "order", "email", "analytics"];
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task The_page_draws_every_service_and_queue_and_follows_the_traffic_by_itself()
    {
        var queues = await DurableQueuesAsync();
        Assert.NotEmpty(queues);
        // An event, so that user-command's outbox forwarder has progress to show.
        await new UsersApi(platform.Gateway).RegisterNewAsync("Topology Watcher");
        var stores = await Eventually.GetAsync(async () =>
        {
            var topology = await platform.Admin.GetFromJsonAsync<JsonElement>("/api/admin/topology");
            var eventStores = topology.GetProperty("eventStores");
            var forwarding = eventStores.EnumerateArray().Any(store => store.GetProperty("service").GetString() == "user-command"
                && store.GetProperty("shards").EnumerateArray().Any(shard => shard.GetProperty("name").GetString() == "integration-event-forwarder:All"));
            return (forwarding, eventStores);
        }, TimeSpan.FromSeconds(15), "user-command's outbox forwarder in the topology's event stores");
        Assert.Equal(["order", "user-command"], stores.EnumerateArray().Select(store => store.GetProperty("service").GetString()).Order());

        // The page signs in through the authorization code flow, as the run's operator (an admin by address).
        const string password = "the operator's password";
        var accounts = new Accounts(platform);
        await new UsersApi(platform.Gateway).RegisterNewAsync("The Operator", platform.OperatorEmail);
        using (var activated = await accounts.ActivateAsync(await accounts.ActivationLinkAsync(platform.OperatorEmail), password))
            Assert.Equal(System.Net.HttpStatusCode.NoContent, activated.StatusCode);
        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(platform.Gateway.BaseAddress!, "/topology"));
        await Expect(page.Locator("#email")).ToBeVisibleAsync(Soon); // no session yet: the identity server's sign-in page
        await page.FillAsync("#email", platform.OperatorEmail);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/topology$"), new() { Timeout = 15_000 });

        foreach (var service in Services)
            await Expect(page.Locator($"[data-service='{service}']")).ToBeVisibleAsync(Soon);
        foreach (var instance in new[] { "user-query", "user-query-2" })
            await Expect(page.Locator($"[data-service='user-query'] [data-instance='{instance}']")).ToBeVisibleAsync(Soon);
        foreach (var queue in queues)
            await Expect(page.Locator($"[data-queue='{queue}']")).ToBeVisibleAsync(Soon);
        await Expect(page.Locator("[data-shard^='user-command/integration-event-forwarder:All@']").First).ToBeVisibleAsync(Soon);
        foreach (var (shard, state) in new[] { ("users-shard-1", "active"), ("users-shard-2", "active"), ("users-shard-3", "active"), ("users-shard-4", "spare") })
            await Expect(page.Locator($"[data-shard-server='{shard}']")).ToContainTextAsync(state, new() { Timeout = 15_000 }); // the users' shards
        foreach (var function in new[] { "register-user", "send-welcome-mail" })
            await Expect(page.Locator($"[data-function='{function}'] [data-instances]")).ToBeVisibleAsync(Soon); // zero included
        Assert.True(await page.Locator("#edges path").CountAsync() >= Services.Length, "the page draws the routes' and queues' edges");

        // Traffic on one route shows on the page with no reload.
        for (var i = 0; i < 20; i++)
            using (await platform.Gateway.GetAsync("/api/stock/book")) { }
        await Expect(page.Locator("[data-route='stock'] .figures")).Not.ToContainTextAsync("0.0/s", new() { Timeout = 10_000 });
        Assert.Empty(browser.PageErrors);
    }

    /// <summary>The durable queues, as RabbitMQ's management API lists them (a bus's own temporary queues come and go).</summary>
    private async Task<IReadOnlyList<string>> DurableQueuesAsync()
    {
        var queues = await RabbitMqManagementApi.GetAsync(platform, "/api/queues?columns=name,durable,auto_delete");
        return [.. queues.EnumerateArray()
            .Where(queue => queue.GetProperty("durable").GetBoolean() && !queue.GetProperty("auto_delete").GetBoolean())
            .Select(queue => queue.GetProperty("name").GetString()!)];
    }
}
