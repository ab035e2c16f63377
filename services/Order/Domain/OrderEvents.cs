namespace Platform.Order.Domain;

/// <summary>A draft order was opened for a user, in one currency.</summary>
public sealed record OrderDrafted(Guid OrderId, Guid UserId, string Currency);

public sealed record ItemAdded(Guid OrderId, string ProductId, int Quantity, decimal UnitPrice, string Currency);

public sealed record ItemRemoved(Guid OrderId, string ProductId);

/// <summary>The order's lines are final and the workflow (stock, payment) may start.</summary>
public sealed record OrderConfirmed(Guid OrderId, decimal Total, string Currency);
