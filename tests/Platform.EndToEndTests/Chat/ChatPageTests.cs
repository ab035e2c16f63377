using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.EndToEndTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests.Chat;

/// <summary>
/// /chat in a real browser (Debian's Chromium, driven by Playwright), two people in two browser contexts, each held by
/// a different chat instance: they talk both ways, each sees the other online and typing, and the receipts. Then one's
/// instance is killed mid-conversation while their browser is cut off: the other sees them go offline within the
/// presence timeout; back online, their page reconnects to the surviving instance and shows every message posted
/// meanwhile, none twice, and they are online again.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ChatPageTests(PlatformFixture platform)
{
    private const string Password = "a user's password";
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task Two_people_on_two_instances_talk_live_and_one_survives_the_loss_of_their_instance()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var accounts = new Accounts(platform);
        var (adaSignedUp, bobSignedUp) = (accounts.SignedUpAsync("Ada Page", Password), accounts.SignedUpAsync("Bob Page", Password));
        var (adaId, adaEmail, adaToken) = await adaSignedUp;
        var (bobId, bobEmail, bobToken) = await bobSignedUp;
        var room = await new ChatApi(platform.Gateway, adaToken).OpenedRoomAsync("on the page");
        (await new ChatApi(platform.Gateway, bobToken).JoinAsync(room)).Dispose();

        await using var browser = await HeadlessChromium.LaunchAsync();
        var ada = await SignedInAsync(browser, adaEmail);
        var bob = await SignedInAsync(browser, bobEmail);
        var adaInstance = await InstanceAsync(ada);
        for (var attempt = 1; await InstanceAsync(bob) == adaInstance; attempt++)
        {
            // The gateway's affinity cookie holds a tab on its instance: without it, the next connection is balanced anew.
            Assert.True(attempt < 10, $"The gateway kept Bob's page on {adaInstance} {attempt} times in a row");
            await bob.Context.ClearCookiesAsync(new() { Name = "platform-chat-instance" });
            await bob.ReloadAsync();
        }
        var bobInstance = await InstanceAsync(bob);

        foreach (var page in new[] { ada, bob })
            await page.ClickAsync($"[data-room='{room}']");
        await Expect(ada.Locator($"#members [data-member='{bobId}']")).ToHaveAttributeAsync("data-online", "true", new() { Timeout = 15_000 });
        await Expect(bob.Locator($"#members [data-member='{adaId}']")).ToHaveAttributeAsync("data-online", "true", new() { Timeout = 15_000 });

        await SendAsync(ada, "Hello Bob, from one instance");
        await Expect(bob.Locator("#messages li .text").Last).ToHaveTextAsync("Hello Bob, from one instance", new() { Timeout = 15_000 });
        await bob.Locator("#text").PressSequentiallyAsync("Hi");
        await Expect(ada.Locator("#typing")).ToHaveAttributeAsync("data-user", bobId.ToString(), new() { Timeout = 15_000 });
        await bob.Locator("#text").PressAsync("Enter");
        await Expect(ada.Locator("#messages li .text").Last).ToHaveTextAsync("Hi", new() { Timeout = 15_000 });
        // Bob's page shows the room, so it reported reading Ada's message: her page says so, live.
        await Expect(ada.Locator("#messages li.mine .receipts").First).ToHaveAttributeAsync("data-read", "1", new() { Timeout = 15_000 });

        // A message over the limit is refused, and the page says why.
        await ada.Locator("#text").FillAsync(new string('x', 4_001));
        await ada.Locator("#text").PressAsync("Enter");
        await Expect(ada.Locator("#problem")).ToContainTextAsync("text-within-limit", new() { Timeout = 15_000 });

        // Bob's instance dies while his browser is cut off.
        await bob.Context.SetOfflineAsync(true);
        await ResourceProcess.KillAsync(platform.App, bobInstance, timeout.Token);
        try
        {
            await SendAsync(ada, "Bob, are you there?");
            await SendAsync(ada, "Bob?");
            await Expect(ada.Locator($"#members [data-member='{bobId}']")).ToHaveAttributeAsync("data-online", "false", new() { Timeout = 30_000 });

            await bob.Context.SetOfflineAsync(false);
            await Expect(bob.Locator("#connection")).ToHaveAttributeAsync("data-instance", adaInstance, new() { Timeout = 30_000 });
            await Expect(bob.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
            await Expect(bob.Locator("#messages li .text").Last).ToHaveTextAsync("Bob?", new() { Timeout = 15_000 });
            Assert.Equal(["Hello Bob, from one instance", "Hi", "Bob, are you there?", "Bob?"], await bob.Locator("#messages li .text").AllTextContentsAsync());
            var versions = (await bob.Locator("#messages li").EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.version)")).Select(long.Parse).ToList();
            Assert.Equal(versions.Order().Distinct(), versions); // in the room's order, none twice
            await Expect(ada.Locator($"#members [data-member='{bobId}']")).ToHaveAttributeAsync("data-online", "true", new() { Timeout = 15_000 });
        }
        finally
        {
            await platform.Resources.StartAsync(bobInstance, timeout.Token);
        }
        Assert.Empty(browser.PageErrors);
    }

    private async Task<IPage> SignedInAsync(HeadlessChromium browser, string email)
    {
        var page = await browser.OpenInNewContextAsync(new Uri(platform.Gateway.BaseAddress!, "/chat"));
        await Expect(page.Locator("#email")).ToBeVisibleAsync(Soon); // the identity server's sign-in page
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/chat$"), new() { Timeout = 15_000 });
        return page;
    }

    private static async Task<string> InstanceAsync(IPage page)
    {
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        return (await page.Locator("#connection").GetAttributeAsync("data-instance"))!;
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#text").FillAsync(text);
        await page.Locator("#text").PressAsync("Enter");
        await Expect(page.Locator("#messages li .text").Last).ToHaveTextAsync(text, new() { Timeout = 15_000 });
    }
}
