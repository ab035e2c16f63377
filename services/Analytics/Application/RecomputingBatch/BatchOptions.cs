namespace Platform.Analytics.Application.RecomputingBatch;

/// <summary>The batch layer's schedule and watermark (section <c>Analytics:Batch</c>; ADR 0021).</summary>
public sealed class BatchOptions
{
    public const string Section = "Analytics:Batch";

    /// <summary>How often the batch view is recomputed from the full history.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first scheduled run, after the services whose history it reads have started.</summary>
    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far the watermark trails the clock: longer than an event takes from its own time to its commit, so that no
    /// event older than the watermark can still be on its way into the history.
    /// </summary>
    public TimeSpan WatermarkLag { get; set; } = TimeSpan.FromMinutes(1);
}
