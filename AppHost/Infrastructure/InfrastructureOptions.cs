namespace Platform.AppHost.Infrastructure;

/// <summary>The "Infrastructure" section of the AppHost's configuration.</summary>
public sealed class InfrastructureOptions
{
    public InfrastructureMode Mode { get; set; } = InfrastructureMode.Auto;

    /// <summary>Where local servers keep their data, relative to the AppHost project folder; git-ignored.</summary>
    public string DataDirectory { get; set; } = "../.data";

    /// <summary>Ports for PostgreSQL, RabbitMQ and SMTP, so psql, benchmarks and mail clients can reach a dev run; empty for any free port.</summary>
    public int? PostgresPort { get; set; }

    public int? RabbitMqPort { get; set; }

    /// <summary>RabbitMQ's management API and UI (HTTP, user guest, password guest, from this machine only).</summary>
    public int? RabbitMqManagementPort { get; set; }

    public int? SmtpPort { get; set; }

    /// <summary>The tag of the servers' images in container mode (deploy/build-images.sh --tag); dev by default.</summary>
    public string ImageTag { get; set; } = "dev";
}
