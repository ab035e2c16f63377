namespace Platform.Deploy.Planning;

/// <summary>
/// One thing the deployment runs, whatever runs it: a Deployment or StatefulSet with its Service on Kubernetes, a pod
/// of the same name under podman. Its name is also the host name others reach it by. A workload with volumes names
/// the group its user is in, which a cluster gives the volumes to (fsGroup).
/// </summary>
public sealed record Workload(
    string Name,
    string Image,
    WorkloadTier Tier,
    IReadOnlyList<WorkloadPort> Ports,
    IReadOnlyList<EnvironmentValue> Environment,
    IReadOnlyList<WorkloadVolume> Volumes,
    WorkloadProbe Readiness,
    WorkloadProbe Liveness,
    ResourceBudget Budget,
    long? VolumeGroup = null,
    FunctionScaling? Function = null)
{
    /// <summary>Whether it keeps data: a StatefulSet with its volume claims, rather than a Deployment.</summary>
    public bool Stateful => Volumes.Count > 0;
}

/// <summary>Servers first (PostgreSQL, RabbitMQ, SMTP, the dashboard), then the services that use them.</summary>
public enum WorkloadTier
{
    Infrastructure,
    Service,
}

/// <summary>
/// A port the container listens on; a host port publishes it on the machine (the gateway, the dashboard). A public
/// port is meant for the outside world (the gateway's, the dashboard's UI): a cluster's network policy lets anyone in.
/// </summary>
public sealed record WorkloadPort(string Name, int Port, int? HostPort = null, bool Public = false);

/// <summary>An environment variable; a secret one is read from the deployment's Secret, never written in a manifest.</summary>
public sealed record EnvironmentValue(string Name, string Value, bool Secret);

public sealed record WorkloadVolume(string Name, string MountPath);

/// <summary>What Kubernetes asks to know the container is ready (readiness) or still alive (liveness).</summary>
public abstract record WorkloadProbe
{
    public sealed record Http(string Path, int Port) : WorkloadProbe;

    public sealed record Exec(IReadOnlyList<string> Command) : WorkloadProbe;
}

/// <summary>CPU and memory requested for scheduling, and the memory limit past which the container is killed.</summary>
public sealed record ResourceBudget(string CpuRequest, string MemoryRequest, string MemoryLimit);
