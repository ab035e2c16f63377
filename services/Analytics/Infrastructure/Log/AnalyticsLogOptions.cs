namespace Platform.Analytics.Infrastructure.Log;

/// <summary>The durable log analytics reads (section <c>Analytics:Log</c>; ADR 0020).</summary>
public sealed class AnalyticsLogOptions
{
    public const string Section = "Analytics:Log";

    /// <summary>The RabbitMQ stream of the facts analytics counts, ids only (ADR 0038), appended by <see cref="LogWriter"/>.</summary>
    public string Stream { get; set; } = "analytics-facts";

    /// <summary>The queue bound to the integration events' exchanges, which the writer reads and appends to the stream from.</summary>
    public string WriterQueue { get; set; } = "analytics-log-writer";

    /// <summary>
    /// The stream the log was before (ADR 0020): bound to the exchanges, it kept whole events, names and addresses
    /// included. Deleted at start when it exists; empty for none.
    /// </summary>
    public string FormerStream { get; set; } = "analytics-log";

    /// <summary>Retention by age (<c>x-max-age</c>: 7D, 12h, 30m …): segments older than this are dropped.</summary>
    public string MaxAge { get; set; } = "30D";

    /// <summary>Retention by size (<c>x-max-length-bytes</c>), whichever limit is reached first.</summary>
    public long MaxLengthBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>How many deliveries the broker sends ahead (a stream consumer must set one).</summary>
    public ushort Prefetch { get; set; } = 1000;

    /// <summary>At most this many events are counted in one transaction.</summary>
    public int BatchSize { get; set; } = 500;
}
