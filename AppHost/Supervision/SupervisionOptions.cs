namespace Platform.AppHost.Supervision;

/// <summary>The "Supervision" section of the AppHost's configuration.</summary>
public sealed class SupervisionOptions
{
    /// <summary>
    /// How long a resource may be started but not yet healthy (starting, running with a failing health check)
    /// before the start counts as failed. Generous: a cold RabbitMQ boot takes 10–20 s on two busy cores.
    /// </summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Start one of the system's own services again when it exits after the start, as Kubernetes' restartPolicy Always
    /// does (<see cref="ResourceVerdict.IsRestartable"/>). Off by default: a stop from the dashboard looks the same as a
    /// crash here, and would be undone. <c>./bench.sh shapes</c> turns it on, to measure what a crash costs each shape
    /// where an orchestrator brings the part back.
    /// </summary>
    public bool RestartExitedServices { get; set; }

    /// <summary>How long a service that exited again waits before its next restart (the first is at once).</summary>
    public TimeSpan RestartBackOff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many of a failed resource's last console log lines the terminal shows.</summary>
    public int LogLines { get; set; } = 20;
}
