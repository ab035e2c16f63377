namespace Platform.Hosting.Tests.Repository;

/// <summary>The figures docs/performance.md publishes are written there by ./bench.sh (Suite/DocsBlock), not copied by hand.</summary>
public sealed class PublishedFiguresTests
{
    [Theory]
    [InlineData("suite", "### Benchmark run ")]
    [InlineData("snapshots", "Platform snapshot benchmark: ")]
    [InlineData("search", "Platform search benchmark: ")]
    [InlineData("functions", "### Benchmark run ")]
    [InlineData("function-starts", "Platform function start benchmark: ")]
    [InlineData("chat", "### Benchmark run ")]
    public void Each_benchmark_block_holds_a_run_written_by_the_benchmark(string block, string firstLine)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "docs", "performance.md"));
        var (start, end) = ($"<!-- bench:{block} -->", $"<!-- /bench:{block} -->");
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);

        Assert.True(from >= 0 && to > from, $"docs/performance.md has lost the markers {start} … {end} that ./bench.sh writes between");
        var written = text[(from + start.Length)..to].Trim();
        Assert.StartsWith(firstLine, written);
        Assert.Contains("|---", written);
    }
}
