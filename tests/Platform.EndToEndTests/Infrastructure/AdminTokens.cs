namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Admin tokens, asked for as the README says: ./admin-token.sh GATEWAY, with a given admin client secret.</summary>
public static class AdminTokens
{
    public static async Task<string> MintAsync(Uri gateway, string adminClientSecret)
    {
        await using var mint = TerminalRun.Start("bash", ["admin-token.sh", gateway.GetLeftPart(UriPartial.Authority)],
            new Dictionary<string, string?> { ["ADMIN_CLIENT_SECRET"] = adminClientSecret });
        await mint.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(mint.ExitCode == 0, $"./admin-token.sh failed: {mint.Output}");
        return mint.Output.Trim();
    }

    /// <summary>The last token asked for, asked again once it is four minutes old (it lives five).</summary>
    public sealed class Cache(Func<Task<string>> mint)
    {
        private static readonly TimeSpan Renew = TimeSpan.FromMinutes(4);
        private readonly SemaphoreSlim one = new(1, 1);
        private (string Token, DateTime At)? current;

        public async Task<string> GetAsync()
        {
            await one.WaitAsync();
            try
            {
                if (current is not { } held || DateTime.UtcNow - held.At > Renew)
                    current = (await mint(), DateTime.UtcNow);
                return current.Value.Token;
            }
            finally
            {
                one.Release();
            }
        }
    }

    /// <summary>Puts a current admin token on each request.</summary>
    public sealed class Handler(Cache tokens) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization ??= new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await tokens.GetAsync());
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
