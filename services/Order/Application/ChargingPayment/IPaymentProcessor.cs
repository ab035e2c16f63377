namespace Platform.Order.Application.ChargingPayment;

/// <summary>
/// The payment port. A charge is idempotent by payment id: asking again returns the first answer and never charges
/// twice. A refund of a payment that was never charged voids it, so a charge arriving later is refused.
/// </summary>
public interface IPaymentProcessor
{
    Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken);

    Task RefundAsync(Guid paymentId, CancellationToken cancellationToken);

    /// <summary>What the processor knows of a payment: how it stands and how many charge requests it answered.</summary>
    Task<PaymentRecord?> FindAsync(Guid paymentId, CancellationToken cancellationToken);
}

public enum PaymentStatus
{
    Charged,
    Declined,
    Refunded,

    /// <summary>Refunded before any charge landed: a charge arriving later is refused.</summary>
    Voided,
}

public sealed record PaymentRecord(Guid PaymentId, Guid OrderId, decimal Amount, string Currency, PaymentStatus Status, int ChargeRequests, string? Detail);

public sealed record PaymentRequest(Guid PaymentId, Guid OrderId, decimal Amount, string Currency, string Card);

/// <summary>Charged, or declined with the processor's reason.</summary>
public sealed record PaymentResult(bool Charged, string? DeclineReason = null)
{
    public static readonly PaymentResult Success = new(true);

    public static PaymentResult Declined(string reason) => new(false, reason);
}
