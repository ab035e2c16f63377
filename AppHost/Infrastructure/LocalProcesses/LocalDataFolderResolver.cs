using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>
/// Chooses the data folder of the local servers. PostgreSQL refuses to run as root, so as root it runs as the
/// 'postgres' user, which cannot enter a clone inside a private folder (/root, or one made by mktemp -d). The data
/// then lives in a folder of the clone's own under /var/lib/platform. A folder is claimed by the clone that uses
/// it, so two clones never share one by accident (ADR 0006).
/// </summary>
public static class LocalDataFolderResolver
{
    public const string RelocationRoot = "/var/lib/platform";
    private const string ClaimFile = ".platform-clone";

    public static LocalDataFolder Resolve(string configured, string cloneDirectory)
    {
        configured = Path.GetFullPath(configured);
        var folder = PostgresCanEnter(configured)
            ? new LocalDataFolder(configured)
            : new LocalDataFolder(RelocatedFolder(configured, cloneDirectory), configured);
        Claim(folder.Path, Path.GetFullPath(cloneDirectory));
        return folder;
    }

    /// <summary>Only root hands the servers to another user; any other user runs them as itself.</summary>
    private static bool PostgresCanEnter(string folder) =>
        !Environment.IsPrivilegedProcess || RunsAsPostgres("test", "-x", NearestExisting(folder));

    /// <summary>One folder per configured path, named after the clone so that a person can tell them apart.</summary>
    private static string RelocatedFolder(string configured, string cloneDirectory)
    {
        Directory.CreateDirectory(RelocationRoot);
        if (!OperatingSystem.IsWindows()) // enterable by postgres whatever the umask
            File.SetUnixFileMode(RelocationRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configured)))[..12];
        return Path.Combine(RelocationRoot, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(cloneDirectory))}-{hash}");
    }

    /// <summary>
    /// Writes the clone's path into the folder, or refuses a folder that another clone, still present, has claimed.
    /// A claim whose clone is gone (moved or deleted) passes to this one.
    /// </summary>
    private static void Claim(string folder, string cloneDirectory)
    {
        Directory.CreateDirectory(folder);
        var claimFile = Path.Combine(folder, ClaimFile);
        var owner = File.Exists(claimFile) ? File.ReadAllText(claimFile).Trim() : null;
        if (owner is not null && owner != cloneDirectory && Directory.Exists(owner))
            throw new DataFolderClaimedException(folder, owner);
        if (owner != cloneDirectory)
            File.WriteAllText(claimFile, cloneDirectory + "\n");
    }

    private static string NearestExisting(string folder)
    {
        var current = folder;
        while (!Directory.Exists(current))
            current = Path.GetDirectoryName(current) ?? "/";
        return current;
    }

    private static bool RunsAsPostgres(params string[] command)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("setpriv",
                ["--reuid=postgres", "--regid=postgres", "--init-groups", .. command])
            {
                RedirectStandardError = true,
            });
            if (process is null)
                return false;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no setpriv: the server script names what to install
        }
    }
}

/// <summary>The data folder belongs to another clone on this machine; sharing it would mix two systems' state.</summary>
public sealed class DataFolderClaimedException(string folder, string owner) : Exception(
    $"The data folder {folder} belongs to the clone at {owner}. Point Infrastructure__DataDirectory at another folder, "
    + "or delete that clone or this folder.");
