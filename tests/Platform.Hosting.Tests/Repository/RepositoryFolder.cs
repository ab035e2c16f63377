namespace Platform.Hosting.Tests.Repository;

/// <summary>The clone the tests run from: the first folder above them that holds Platform.sln.</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"no Platform.sln above {AppContext.BaseDirectory}");
    }
}
