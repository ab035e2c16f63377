namespace Platform.Contracts.Orders.V1;

/// <summary>A customer confirmed an order: its workflow (stock, payment) starts now; OrderConfirmed or OrderCancelled follows.</summary>
public sealed record OrderPlaced(Guid OrderId, Guid UserId, decimal Total, string Currency, DateTimeOffset PlacedAt);
