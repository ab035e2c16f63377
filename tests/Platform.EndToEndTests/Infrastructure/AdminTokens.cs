namespace Platform.EndToEndTests.Infrastructure;

/// <summary>Tokens for the admin routes, minted as the README says: ./admin-token.sh ROLE, with a given signing key.</summary>
public static class AdminTokens
{
    public static async Task<string> MintAsync(string role, string signingKey)
    {
        await using var mint = TerminalRun.Start("bash", ["admin-token.sh", role], new Dictionary<string, string?> { ["ADMIN_SIGNING_KEY"] = signingKey });
        await mint.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(mint.ExitCode == 0, $"./admin-token.sh {role} failed: {mint.Output}");
        return mint.Output.Trim();
    }
}
