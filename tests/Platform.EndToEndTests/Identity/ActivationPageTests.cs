using System.Net;
using Platform.EndToEndTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEndTests.Identity;

/// <summary>
/// The /activate page, opened in a browser from the welcome mail's link, activates the account, then signs in through the
/// authorization code flow and shows the account; a used link says so.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ActivationPageTests(PlatformFixture platform)
{
    private const string Password = "a browser's password";

    [Fact]
    public async Task The_mailed_link_opens_the_page_that_activates_the_account_once()
    {
        var email = UsersApi.UniqueEmail("browser");
        await new UsersApi(platform.Gateway).RegisterNewAsync("In A Browser", email);
        var accounts = new Accounts(platform);
        var link = await accounts.ActivationLinkAsync(email);

        await using var browser = await HeadlessChromium.LaunchAsync();
        var page = await browser.OpenAsync(link);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#repeat", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("is active"), new() { Timeout = 10_000 });
        Assert.Equal(HttpStatusCode.OK, (await accounts.SignInAsync(email, Password)).Status);

        // Signing in from the page runs the authorization code flow, and the page shows the account as its owner sees it.
        await page.ClickAsync("#signin");
        await Expect(page.Locator("#email")).ToBeVisibleAsync(new() { Timeout = 10_000 }); // the identity server's sign-in page
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/activate$"), new() { Timeout = 15_000 });
        await Expect(page.Locator("#account-email")).ToHaveTextAsync(email, new() { Timeout = 10_000 }); // only its owner or an admin sees it
        await Expect(page.Locator("#account-name")).ToHaveTextAsync("In A Browser");

        var again = await browser.OpenAsync(link);
        await again.FillAsync("#password", Password);
        await again.FillAsync("#repeat", Password);
        await again.ClickAsync("button[type=submit]");
        await Expect(again.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("not valid"), new() { Timeout = 10_000 });
        Assert.Empty(browser.PageErrors);
    }
}
