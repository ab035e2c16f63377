using System.Text.RegularExpressions;

namespace Platform.Hosting.Tests.Repository;

/// <summary>Every decision record in docs/adr is in its index, and every row of the index names a record that exists.</summary>
public sealed partial class AdrIndexTests
{
    [Fact]
    public void The_index_lists_every_record_once()
    {
        var folder = Path.Combine(RepositoryFolder.Root, "docs", "adr");
        var records = Directory.EnumerateFiles(folder, "0*.md").Select(file => Path.GetFileName(file)!).Order().ToList();
        var listed = Row().Matches(File.ReadAllText(Path.Combine(folder, "README.md"))).Select(row => row.Groups["file"].Value).ToList();
        Assert.Equal(records, listed.Order().ToList());
    }

    [GeneratedRegex(@"^\| \[\d{4}\]\((?<file>\d{4}-[^)]+\.md)\)", RegexOptions.Multiline)]
    private static partial Regex Row();
}
