namespace Platform.Benchmarks.Shapes;

/// <summary>What a crash of one part cost a shape (<see cref="ShapeFault"/>).</summary>
public sealed record CrashOutcome(
    string Victim, bool Recovered, double DownSeconds, int SentWhileDown, int FailedWhileDown,
    int AnsweredRegistrations, int MissingProfiles, int AnsweredOrders, int UnsettledOrders)
{
    public double FailedPercent => SentWhileDown == 0 ? 0 : 100.0 * FailedWhileDown / SentWhileDown;

    /// <summary>Answered, and its effect never arrived.</summary>
    public int Lost => MissingProfiles + UnsettledOrders;
}
