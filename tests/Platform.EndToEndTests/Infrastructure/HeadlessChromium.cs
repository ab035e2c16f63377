using Microsoft.Playwright;

namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright, headless: no browser download, the flags this machine needs.</summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser) => (this.playwright, this.browser) = (playwright, browser);

    /// <summary>Errors the pages threw (uncaught JavaScript exceptions): a test of a page expects none.</summary>
    public List<string> PageErrors { get; } = [];

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        return new HeadlessChromium(playwright, browser);
    }

    public async Task<IPage> OpenAsync(Uri address)
    {
        var page = await browser.NewPageAsync();
        page.PageError += (_, error) => PageErrors.Add(error);
        await page.GotoAsync(address.ToString());
        return page;
    }

    /// <summary>A page in a browser context of its own: its own cookies and storage, as a second person's browser.</summary>
    public async Task<IPage> OpenInNewContextAsync(Uri address)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => PageErrors.Add(error);
        await page.GotoAsync(address.ToString());
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
