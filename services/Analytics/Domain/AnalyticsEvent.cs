namespace Platform.Analytics.Domain;

/// <summary>What analytics counts of one integration event, whatever service published it.</summary>
/// <param name="EventId">The event's own id (the message id the outbox gives it): the same event re-sent is the same id.</param>
/// <param name="OccurredAt">When the event happened, by the publishing service's clock: the time it is counted at.</param>
/// <param name="Amount">An order's total, for confirmed orders; zero otherwise.</param>
/// <remarks>The views count it in the UTC minute of <paramref name="OccurredAt"/> (PostgreSQL's date_trunc, in one place).</remarks>
public sealed record AnalyticsEvent(Guid EventId, EventKind Kind, Guid UserId, DateTimeOffset OccurredAt, decimal Amount = 0, string? Currency = null);

public enum EventKind
{
    UserRegistered,
    UserEmailChanged,
    OrderPlaced,
    OrderConfirmed,
    OrderCancelled,
}
