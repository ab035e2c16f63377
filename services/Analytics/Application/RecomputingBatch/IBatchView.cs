using Platform.Analytics.Domain;

namespace Platform.Analytics.Application.RecomputingBatch;

/// <summary>
/// The batch layer's store. A run builds a new generation beside the one being served and publishes it in one
/// transaction with its watermark, so that a query sees either the old view and watermark or the new ones.
/// </summary>
public interface IBatchView
{
    /// <summary>A new, empty generation to build into.</summary>
    Task<long> BeginAsync(CancellationToken ct);

    Task AddAsync(long generation, IReadOnlyList<AnalyticsEvent> events, CancellationToken ct);

    /// <summary>Counts the generation's events before <paramref name="watermark"/> (set-based) and serves it from now on; returns how many it counted.</summary>
    Task<long> PublishAsync(long generation, DateTimeOffset watermark, CancellationToken ct);

    /// <summary>Drops a generation that will not be published (its run failed).</summary>
    Task DiscardAsync(long generation, CancellationToken ct);

    /// <summary>The view being served, or null before the first run.</summary>
    Task<BatchViewState?> CurrentAsync(CancellationToken ct);
}

/// <param name="Watermark">Events before it are counted by the batch view, events at or after it by the speed view.</param>
public sealed record BatchViewState(long Generation, DateTimeOffset Watermark, long Events, DateTimeOffset PublishedAt);
