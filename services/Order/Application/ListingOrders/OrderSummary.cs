using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.ListingOrders;

/// <summary>One line of a user's order list, kept by an inline projection: written in the same commit as the order's events.</summary>
public sealed class OrderSummary
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string Status { get; set; } = "";

    public string Currency { get; set; } = "";

    /// <summary>Each line's total by product, so that removing a line takes its amount off.</summary>
    public Dictionary<string, decimal> LineTotals { get; set; } = [];

    public decimal Total => LineTotals.Values.Sum();

    public DateTimeOffset DraftedAt { get; set; }

    /// <summary>When the summary last changed: for a submitted order still running, when it was submitted.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Why the order needs a person (its status is NeedsAttention).</summary>
    public string? AttentionReason { get; set; }

    /// <summary>The order stream's version, set by Marten.</summary>
    public long Version { get; set; }
}

/// <summary>Port to the order list.</summary>
public interface IOrderSummaries
{
    /// <summary>The user's orders, newest first.</summary>
    Task<IReadOnlyList<OrderSummary>> ForUserAsync(Guid userId, int limit, CancellationToken cancellationToken);

    /// <summary>Orders in <paramref name="status"/> whose summary last changed before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<OrderSummary>> InStatusAsync(OrderStatus status, DateTimeOffset before, int limit, CancellationToken cancellationToken);
}
