namespace Platform.AppHost.Supervision;

/// <summary>The "Supervision" section of the AppHost's configuration.</summary>
public sealed class SupervisionOptions
{
    /// <summary>
    /// How long a resource may be started but not yet healthy (starting, running with a failing health check)
    /// before the start counts as failed. Generous: a cold RabbitMQ boot takes 10–20 s on two busy cores.
    /// </summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many of a failed resource's last console log lines the terminal shows.</summary>
    public int LogLines { get; set; } = 20;
}
