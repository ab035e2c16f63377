namespace Platform.Contracts.Orders.V1;

/// <summary>An order's workflow succeeded: stock is reserved and the payment charged.</summary>
public sealed record OrderConfirmed(
    Guid OrderId, Guid UserId, string CustomerName, string CustomerEmail, decimal Total, string Currency, DateTimeOffset ConfirmedAt);
