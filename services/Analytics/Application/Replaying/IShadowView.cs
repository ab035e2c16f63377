using Platform.Analytics.Application.CountingEvents;

namespace Platform.Analytics.Application.Replaying;

/// <summary>
/// A replay's shadow of the speed view: a new generation built beside the live one, which keeps being served and
/// counted into until the shadow is swapped in.
/// </summary>
public interface IShadowView
{
    /// <summary>
    /// A new generation holding the live view's events from before <paramref name="from"/> (called while the live
    /// counter is held, so the copy is the live view at one offset).
    /// </summary>
    Task<ShadowStart> BeginAsync(DateTimeOffset from, CancellationToken ct);

    /// <summary>Adds replayed events (an id already there changes nothing); returns how many were new.</summary>
    Task<long> AddAsync(long generation, IReadOnlyList<LoggedEvent> events, CancellationToken ct);

    /// <summary>Counts the generation's minutes set-based and serves it from now on, in one transaction; then drops the old generation.</summary>
    Task SwapAsync(long generation, CancellationToken ct);

    Task DiscardAsync(long generation, CancellationToken ct);
}

/// <param name="CopiedThrough">The live view's offset when it was copied; null if it had counted nothing.</param>
/// <param name="EventsExpected">The live view's events at or after <c>from</c>: what the replay should find, at least.</param>
/// <param name="FirstOffsetExpected">The log offset of the earliest of those; a replay that starts after it has lost events to the log's retention.</param>
public sealed record ShadowStart(long Generation, long? CopiedThrough, long EventsExpected, long? FirstOffsetExpected);
