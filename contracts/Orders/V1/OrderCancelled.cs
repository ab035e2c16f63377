namespace Platform.Contracts.Orders.V1;

/// <summary>An order's workflow failed at a step and what was done was undone; the reason says which and why.</summary>
public sealed record OrderCancelled(
    Guid OrderId, Guid UserId, string CustomerName, string CustomerEmail, string Reason, DateTimeOffset CancelledAt);
