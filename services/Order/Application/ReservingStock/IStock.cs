using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.ReservingStock;

/// <summary>The stock module's port: products with quantities, and reservations keyed by order.</summary>
public interface IStock
{
    /// <summary>Takes every line from stock for the order, or none; a second call for the same order changes nothing.</summary>
    Task<StockReservation> ReserveAsync(Guid orderId, IReadOnlyList<SubmittedLine> lines, CancellationToken cancellationToken);

    /// <summary>Puts the order's reservation back; a second call, or one for an order with none, changes nothing.</summary>
    Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken);

    Task<StockLevel?> FindAsync(string productId, CancellationToken cancellationToken);
}

/// <summary>Whether the order got its lines; if not, the first product that was short.</summary>
public sealed record StockReservation(bool Reserved, string? ShortProduct = null, int Wanted = 0, int Available = 0);

public sealed record StockLevel(string ProductId, int Available, int Reserved);
