using System.Diagnostics;
using Platform.AppHost.Infrastructure.LocalProcesses;

namespace Platform.Hosting.Tests.LocalProcesses;

/// <summary>
/// Against the real 'postgres' user, as root (as CI and the development machines run): where the servers' data
/// goes when a clone sits in a folder that only its owner may enter, and that no two clones share a data folder.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalDataFolderResolverTests : IDisposable
{
    private readonly List<string> created = [];

    [Fact]
    public void A_folder_the_postgres_user_can_enter_is_used_as_configured()
    {
        var open = NewFolder(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);

        var folder = LocalDataFolderResolver.Resolve(Path.Combine(open, "data"), NewClone());

        Assert.Equal(Path.Combine(open, "data"), folder.Path);
        Assert.False(folder.IsRelocated);
    }

    [Fact]
    public void A_folder_inside_a_private_one_moves_to_a_folder_the_postgres_user_can_enter()
    {
        RequireRoot();
        var privateFolder = NewFolder(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var configured = Path.Combine(privateFolder, "clone", ".data");

        var folder = Track(LocalDataFolderResolver.Resolve(configured, NewClone()));

        Assert.True(folder.IsRelocated);
        Assert.Equal(configured, folder.Configured);
        Assert.StartsWith(LocalDataFolderResolver.RelocationRoot + "/", folder.Path);
        Assert.True(PostgresCanEnter(folder.Path), $"the postgres user cannot enter {folder.Path}");
        Assert.Contains(configured, folder.ToString());
    }

    [Fact]
    public void The_same_configured_folder_moves_to_the_same_place_every_time_and_another_elsewhere()
    {
        RequireRoot();
        var privateFolder = NewFolder(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var clone = NewClone();

        var first = Track(LocalDataFolderResolver.Resolve(Path.Combine(privateFolder, "a"), clone));
        var again = LocalDataFolderResolver.Resolve(Path.Combine(privateFolder, "a"), clone);
        var other = Track(LocalDataFolderResolver.Resolve(Path.Combine(privateFolder, "b"), clone));

        Assert.Equal(first.Path, again.Path);
        Assert.NotEqual(first.Path, other.Path);
    }

    [Fact]
    public void A_folder_that_another_clone_uses_is_refused_and_both_are_named()
    {
        var shared = Path.Combine(NewFolder(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute), "data");
        var first = NewClone();
        LocalDataFolderResolver.Resolve(shared, first);

        var refused = Assert.Throws<DataFolderClaimedException>(() => LocalDataFolderResolver.Resolve(shared, NewClone()));

        Assert.Contains(shared, refused.Message);
        Assert.Contains(first, refused.Message);
    }

    [Fact]
    public void A_folder_whose_clone_is_gone_passes_to_the_next_clone()
    {
        var data = Path.Combine(NewFolder(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute), "data");
        var moved = NewClone();
        LocalDataFolderResolver.Resolve(data, moved);
        Directory.Delete(moved);

        var folder = LocalDataFolderResolver.Resolve(data, NewClone());

        Assert.Equal(data, folder.Path);
    }

    private static void RequireRoot() =>
        Assert.True(Environment.IsPrivilegedProcess, "these tests run as root, as the servers' scripts hand PostgreSQL to the postgres user only then");

    private static bool PostgresCanEnter(string folder)
    {
        using var test = Process.Start("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "test", "-x", folder]);
        test.WaitForExit();
        return test.ExitCode == 0;
    }

    private string NewFolder(UnixFileMode mode)
    {
        var folder = Directory.CreateTempSubdirectory("platform-data-test-").FullName;
        File.SetUnixFileMode(folder, mode);
        created.Add(folder);
        return folder;
    }

    private string NewClone() => NewFolder(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    private LocalDataFolder Track(LocalDataFolder folder)
    {
        created.Add(folder.Path);
        return folder;
    }

    public void Dispose()
    {
        foreach (var folder in created.Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
    }
}
