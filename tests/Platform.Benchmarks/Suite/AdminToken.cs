using System.Diagnostics;

namespace Platform.Benchmarks.Suite;

/// <summary>
/// An admin token, asked for as the README says (<c>./admin-token.sh GATEWAY</c>, run from the repository's root, where
/// ./bench.sh runs): a token lives five minutes, so a long benchmark asks again before each phase that needs one.
/// </summary>
public static class AdminToken
{
    public static async Task<string> MintAsync(Uri gateway)
    {
        using var mint = Process.Start(new ProcessStartInfo("bash", ["admin-token.sh", gateway.GetLeftPart(UriPartial.Authority)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new BenchmarkSetupException("./admin-token.sh could not be started.");
        var token = await mint.StandardOutput.ReadToEndAsync();
        var error = await mint.StandardError.ReadToEndAsync();
        await mint.WaitForExitAsync();
        return mint.ExitCode == 0 ? token.Trim() : throw new BenchmarkSetupException($"./admin-token.sh failed: {error.Trim()}");
    }
}
