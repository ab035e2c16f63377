using Microsoft.Extensions.Options;
using Platform.Ordering.Application.ChargingPayment;

namespace Platform.Ordering.Infrastructure.Payments;

/// <summary>
/// A deterministic card processor behind the payment port: declines by rule (amount limit, declining cards),
/// answers late for slow cards, and keeps a durable ledger so a repeated charge returns the first answer.
/// </summary>
public sealed class CardSimulator(PaymentLedger ledger, IOptions<CardSimulatorOptions> options) : IPaymentProcessor
{
    public async Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        if (await ledger.CountRequestAsync(request, cancellationToken) is { } known)
            return known.Answer;

        var rules = options.Value;
        if (rules.SlowCards.Contains(request.Card))
            await Task.Delay(rules.SlowCardDelay, cancellationToken);

        var settled = rules.DecliningCards.Contains(request.Card)
            ? await ledger.SettleAsync(request, PaymentStatus.Declined, "card declined", cancellationToken)
            : request.Amount > rules.AmountLimit
                ? await ledger.SettleAsync(request, PaymentStatus.Declined, $"amount over the limit of {rules.AmountLimit:0.##}", cancellationToken)
                : await ledger.SettleAsync(request, PaymentStatus.Charged, null, cancellationToken);
        return settled.Answer;
    }

    public Task RefundAsync(Guid paymentId, CancellationToken cancellationToken) => ledger.RefundAsync(paymentId, cancellationToken);

    public Task<PaymentRecord> VoidAsync(PaymentRequest request, CancellationToken cancellationToken) =>
        ledger.SettleAsync(request, PaymentStatus.Voided, "no answer in time", cancellationToken);

    public Task<PaymentRecord?> FindAsync(Guid paymentId, CancellationToken cancellationToken) => ledger.FindAsync(paymentId, cancellationToken);
}
