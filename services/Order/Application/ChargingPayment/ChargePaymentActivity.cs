using MassTransit;
using Platform.ServiceDefaults;

namespace Platform.Ordering.Application.ChargingPayment;

/// <param name="CardToken">The processor's token: the routing slip never carries a card number.</param>
public sealed record ChargePaymentArguments(Guid OrderId, Guid PaymentId, decimal Amount, string Currency, string CardToken, TimeSpan Timeout);

public sealed record ChargePaymentLog(Guid PaymentId);

/// <summary>
/// The workflow's second step: charge the card through the payment port, within the step's timeout; undone by a
/// refund. The deadline counts from when the step's message was sent, which a restart does not change: a step
/// redelivered after a crash keeps the deadline it had. A step past its deadline voids the payment, so a charge
/// that lands late is refused; but a charge that was settled before the void stands and is the step's answer. That
/// matters when the outbox re-sends a workflow after a crash: the copy finds the original's charge instead of
/// voiding it.
/// </summary>
public sealed class ChargePaymentActivity(IPaymentProcessor payments, TimeProvider clock) : IActivity<ChargePaymentArguments, ChargePaymentLog>
{
    public async Task<ExecutionResult> Execute(ExecuteContext<ChargePaymentArguments> context)
    {
        var arguments = context.Arguments;
        var started = context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : clock.GetUtcNow();
        var remaining = started + arguments.Timeout - clock.GetUtcNow();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        var request = new PaymentRequest(arguments.PaymentId, arguments.OrderId, arguments.Amount, arguments.Currency, arguments.CardToken);
        PaymentResult result;
        try
        {
            result = await payments.ChargeAsync(request, deadline.Token);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            var standing = await payments.VoidAsync(request, context.CancellationToken);
            if (standing.Status == PaymentStatus.Voided)
                throw new StepTimedOutException("charge-payment", arguments.Timeout);
            result = standing.Answer;
        }

        if (!result.Charged)
            throw new PaymentDeclinedException(result.DeclineReason ?? "declined");
        return context.Completed(new ChargePaymentLog(arguments.PaymentId));
    }

    public async Task<CompensationResult> Compensate(CompensateContext<ChargePaymentLog> context)
    {
        await payments.RefundAsync(context.Log.PaymentId, context.CancellationToken);
        return context.Compensated();
    }
}

public sealed class PaymentDeclinedException(string reason) : PermanentFailureException($"The payment was declined: {reason}.");

public sealed class StepTimedOutException(string step, TimeSpan timeout)
    : PermanentFailureException($"The {step} step did not answer within {timeout.TotalSeconds:0.#} s.");
