namespace Platform.AppHost.Infrastructure.Containers;

/// <summary>
/// Folders of this machine that a container writes into. Its user (999 for PostgreSQL and RabbitMQ, 1654 for the SMTP
/// server) is not this one, so the folder is open to it, as a spool is to its server; PostgreSQL keeps its own data
/// in a 0700 folder inside (deploy/images/postgres).
/// </summary>
public static class ContainerDataFolder
{
    public static string Prepare(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        return folder;
    }

    /// <summary>A Maildir: the folder with its cur/, new/ and tmp/, each open to the SMTP server's user.</summary>
    public static string PrepareMaildir(string maildir)
    {
        foreach (var folder in new[] { maildir, Path.Combine(maildir, "cur"), Path.Combine(maildir, "new"), Path.Combine(maildir, "tmp") })
            Prepare(folder);
        return maildir;
    }
}
