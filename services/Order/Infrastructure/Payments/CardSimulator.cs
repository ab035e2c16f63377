using Microsoft.Extensions.Options;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure.Payments;

/// <summary>
/// A deterministic card processor behind the payment port: it tokenizes cards into its vault (which keeps how its
/// test rules answer for the card, never the number), declines by rule (amount limit, declining cards), answers late
/// for slow cards, and keeps a durable ledger so a repeated charge returns the first answer.
/// </summary>
public sealed class CardSimulator(CardVault vault, PaymentLedger ledger, IOptions<CardSimulatorOptions> options) : IPaymentProcessor
{
    public Task<PaymentMethod> TokenizeAsync(string cardNumber, CancellationToken cancellationToken)
    {
        var rules = options.Value;
        var behaviour = rules.DecliningCards.Contains(cardNumber) ? CardBehaviour.Declines
            : rules.SlowCards.Contains(cardNumber) ? CardBehaviour.Slow
            : CardBehaviour.Charges;
        return vault.IssueAsync(cardNumber, behaviour, cancellationToken);
    }

    public async Task<PaymentResult> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        if (await ledger.CountRequestAsync(request, cancellationToken) is { } known)
            return known.Answer;

        var rules = options.Value;
        var behaviour = await vault.BehaviourAsync(request.CardToken, cancellationToken);
        if (behaviour == CardBehaviour.Slow)
            await Task.Delay(rules.SlowCardDelay, cancellationToken);

        var settled = behaviour is null
            ? await ledger.SettleAsync(request, PaymentStatus.Declined, "unknown card token", cancellationToken)
            : behaviour == CardBehaviour.Declines
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
