using Platform.Analytics.Domain;

namespace Platform.Analytics.Application.RecomputingBatch;

/// <summary>The source of truth: every service's event store, as the integration events their outboxes publish.</summary>
public interface IEventHistory
{
    /// <summary>Every event committed before the call began, from every store, page by page (a store's pages in commit order).</summary>
    IAsyncEnumerable<IReadOnlyList<AnalyticsEvent>> ReadAllAsync(CancellationToken ct);
}
