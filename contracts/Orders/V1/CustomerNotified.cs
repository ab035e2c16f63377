namespace Platform.Contracts.Orders.V1;

/// <summary>The email service mailed the customer how the order ended (<paramref name="Notice"/>: order-confirmed or order-cancelled).</summary>
public sealed record CustomerNotified(Guid OrderId, string Notice, string Recipient, DateTimeOffset NotifiedAt);
