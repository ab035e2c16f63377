using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Platform.Ordering.Application.ListingOrders;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure;

/// <summary>Keeps each order's summary line inline, in the transaction that appends the order's events.</summary>
public sealed class OrderSummaryProjection : SingleStreamProjection<OrderSummary, Guid>
{
    public static OrderSummary Create(IEvent<OrderDrafted> drafted) => new()
    {
        Id = drafted.Data.OrderId,
        UserId = drafted.Data.UserId,
        Currency = drafted.Data.Currency,
        Status = nameof(OrderStatus.Draft),
        DraftedAt = drafted.Timestamp,
        UpdatedAt = drafted.Timestamp,
    };

    public static void Apply(IEvent<ItemAdded> added, OrderSummary summary)
    {
        summary.LineTotals[added.Data.ProductId] = summary.LineTotals.GetValueOrDefault(added.Data.ProductId) + added.Data.Quantity * added.Data.UnitPrice;
        summary.UpdatedAt = added.Timestamp;
    }

    public static void Apply(IEvent<ItemRemoved> removed, OrderSummary summary)
    {
        summary.LineTotals.Remove(removed.Data.ProductId);
        summary.UpdatedAt = removed.Timestamp;
    }

    public static void Apply(IEvent<OrderSubmitted> submitted, OrderSummary summary) => Moved(summary, OrderStatus.Submitted, submitted);

    public static void Apply(IEvent<OrderConfirmed> confirmed, OrderSummary summary) => Moved(summary, OrderStatus.Confirmed, confirmed);

    public static void Apply(IEvent<OrderCancelled> cancelled, OrderSummary summary) => Moved(summary, OrderStatus.Cancelled, cancelled);

    public static void Apply(IEvent<OrderNeedsAttention> flagged, OrderSummary summary)
    {
        Moved(summary, OrderStatus.NeedsAttention, flagged);
        summary.AttentionReason = flagged.Data.Reason;
    }

    private static void Moved(OrderSummary summary, OrderStatus status, IEvent @event)
    {
        summary.Status = status.ToString();
        summary.UpdatedAt = @event.Timestamp;
    }
}

public sealed class MartenOrderSummaries(IQuerySession session) : IOrderSummaries
{
    public async Task<IReadOnlyList<OrderSummary>> ForUserAsync(Guid userId, int limit, CancellationToken cancellationToken) =>
        await session.Query<OrderSummary>()
            .Where(summary => summary.UserId == userId)
            .OrderByDescending(summary => summary.DraftedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<OrderSummary>> InStatusAsync(OrderStatus status, DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        var name = status.ToString();
        return await session.Query<OrderSummary>()
            .Where(summary => summary.Status == name && summary.UpdatedAt < before)
            .OrderBy(summary => summary.UpdatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }
}
