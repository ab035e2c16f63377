using Platform.Analytics.Domain;

namespace Platform.Analytics.Application.CountingEvents;

/// <summary>An event as the log holds it: at an offset, which is how far a reader has got.</summary>
public sealed record LoggedEvent(long Offset, AnalyticsEvent Event);
