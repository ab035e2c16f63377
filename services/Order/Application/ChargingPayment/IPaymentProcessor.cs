using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.ChargingPayment;

/// <summary>
/// The payment port. A card number goes to the processor once, to be tokenized; every charge names the token, never
/// the number (ADR 0035). A charge is idempotent by payment id: asking again returns the first answer and never
/// charges twice. A refund undoes a charge (the workflow's compensation); a void gives up on a charge that has not answered.
/// </summary>
public interface IPaymentProcessor
{
    /// <summary>Exchanges a card number (digits only) for the processor's token, with the brand and the last four digits.</summary>
    Task<PaymentMethod> TokenizeAsync(string cardNumber, CancellationToken cancellationToken);

    Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken);

    Task RefundAsync(Guid paymentId, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up on a charge that did not answer in time: voids the payment unless it was settled meanwhile, and returns
    /// what stands (voided, or the charge or decline that got there first). A charge arriving after the void is refused.
    /// </summary>
    Task<PaymentRecord> VoidAsync(PaymentRequest request, CancellationToken cancellationToken);

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

public sealed record PaymentRecord(Guid PaymentId, Guid OrderId, decimal Amount, string Currency, PaymentStatus Status, int ChargeRequests, string? Detail)
{
    /// <summary>The answer this record gives a charge request for the same payment.</summary>
    public PaymentResult Answer => Status switch
    {
        PaymentStatus.Charged => PaymentResult.Success,
        PaymentStatus.Declined => PaymentResult.Declined(Detail ?? "declined"),
        _ => PaymentResult.Declined($"the payment was {Status.ToString().ToLowerInvariant()}"),
    };
}

/// <param name="CardToken">The processor's token for the card (<see cref="IPaymentProcessor.TokenizeAsync"/>).</param>
public sealed record PaymentRequest(Guid PaymentId, Guid OrderId, decimal Amount, string Currency, string CardToken);

/// <summary>Charged, or declined with the processor's reason.</summary>
public sealed record PaymentResult(bool Charged, string? DeclineReason = null)
{
    public static readonly PaymentResult Success = new(true);

    public static PaymentResult Declined(string reason) => new(false, reason);
}
