namespace Platform.Analytics.Infrastructure.History;

/// <summary>Where the batch layer reads the history (section <c>Analytics:History</c>).</summary>
public sealed class EventHistoryOptions
{
    public const string Section = "Analytics:History";

    /// <summary>The event-sourced services, by service-discovery name; each serves its event store's history.</summary>
    public string[] Sources { get; set; } = ["user-command", "order"];

    /// <summary>Events per page read from a source.</summary>
    public int PageSize { get; set; } = 5_000;

    /// <summary>How long a source's committed history may take to reach the sequence that was highest when the read began.</summary>
    public TimeSpan CatchUpTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
