namespace Platform.Hosting.Tests.Repository;

/// <summary>Windows and macOS ignore case by default: two paths that differ only in case would merge into one there.</summary>
public sealed class PathCaseTests
{
    private static readonly HashSet<string> Ignored = [".git", "bin", "obj", ".data", "TestResults", ".vs", ".idea"];

    [Fact]
    public void No_two_paths_in_the_repository_differ_only_in_case()
    {
        var root = RepositoryFolder.Root;
        var paths = Walk(root).Select(path => Path.GetRelativePath(root, path)).ToList();

        var clashes = paths.GroupBy(path => path, StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1)
            .Select(group => string.Join(" ~ ", group))
            .ToList();

        Assert.True(paths.Count > 50, $"expected to walk the repository at {root}, found {paths.Count} paths");
        Assert.Empty(clashes);
    }

    private static IEnumerable<string> Walk(string directory)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            if (Ignored.Contains(Path.GetFileName(entry)))
                continue;
            yield return entry;
            if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
                foreach (var inner in Walk(entry))
                    yield return inner;
        }
    }
}
