namespace Platform.Deploy.Planning;

/// <summary>
/// What the deployment knows of the servers' own images (deploy/images): how to ask each whether it is ready, and
/// what it needs. Kubernetes runs the probes itself; under podman they are the containers' health checks.
/// </summary>
public static class ServerImages
{
    public static WorkloadProbe ProbeOf(string image, int port) => image switch
    {
        "postgres" => new WorkloadProbe.Exec(["pg_isready", "-h", "127.0.0.1", "-p", $"{port}", "-U", "postgres"]),
        "rabbitmq" => new WorkloadProbe.Exec(["rabbitmq-diagnostics", "-q", "ping"]),
        "smtp" => new WorkloadProbe.Exec(["python3", "-c", $"import socket; socket.create_connection(('127.0.0.1', {port}), 2).close()"]),
        _ => throw new NotSupportedException($"the deployment knows no health check for the image '{image}'"),
    };

    /// <summary>The group of the image's user (fixed in deploy/images), which must own its volume.</summary>
    public static long VolumeGroupOf(string image) => image switch
    {
        "postgres" or "rabbitmq" => 999,
        _ => 1654, // the .NET images' user, and the SMTP server's
    };

    public static ResourceBudget BudgetOf(string image) => image switch
    {
        "postgres" or "rabbitmq" => new("250m", "256Mi", "1Gi"),
        "smtp" => new("50m", "32Mi", "128Mi"),
        _ => Service,
    };

    /// <summary>A .NET service, and the dashboard: measured at 51–124 MB of memory each, idle, under ./deploy.sh here.</summary>
    public static readonly ResourceBudget Service = new("100m", "192Mi", "512Mi");
}
