using System.Text.RegularExpressions;

namespace Platform.Hosting.Tests.Repository;

/// <summary>
/// <see cref="TimeProvider"/> is the only clock product code reads, so a test can put a fake one in its place and a
/// reader finds every use of time by one name. Tests and the benchmarks may read the clock directly.
/// </summary>
public sealed partial class OneClockTests
{
    private static readonly string[] ProductFolders = ["AppHost", "ServiceDefaults", "EventStore", "contracts", "services", "gateway", "plugins", "deploy"];

    [Fact]
    public void No_product_code_reads_the_clock_except_through_TimeProvider()
    {
        var root = RepositoryFolder.Root;
        var sources = ProductFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();

        var offenders = sources
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, number: index + 1)))
            .Where(source => DirectClock().IsMatch(source.line))
            .Select(source => $"{Path.GetRelativePath(root, source.path)}:{source.number}: {source.line.Trim()}")
            .ToList();

        Assert.True(sources.Count > 100, $"expected the product's sources under {root}, found {sources.Count}");
        Assert.True(offenders.Count == 0, "read the clock through TimeProvider instead:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(UtcNow|Now|Today)\b|\bStopwatch\.(StartNew|GetTimestamp|GetElapsedTime)\b|\bEnvironment\.TickCount")]
    private static partial Regex DirectClock();
}
