namespace Platform.AppHost.Infrastructure.LocalProcesses;

/// <summary>Where the local servers keep their data, and, when it is not the configured folder, why not.</summary>
/// <param name="Path">The folder PostgreSQL and RabbitMQ write under (each in a subfolder of its own).</param>
/// <param name="Configured">The configured folder, when the postgres user cannot enter it and the data lives elsewhere.</param>
public sealed record LocalDataFolder(string Path, string? Configured = null)
{
    public bool IsRelocated => Configured is not null;

    public override string ToString() => IsRelocated
        ? $"{Path} (the postgres user cannot enter {Configured})"
        : Path;
}
