using MassTransit;
using Platform.ServiceDefaults;

namespace Platform.Order.Application.ChargingPayment;

public sealed record ChargePaymentArguments(Guid OrderId, Guid PaymentId, decimal Amount, string Currency, string Card, TimeSpan Timeout);

public sealed record ChargePaymentLog(Guid PaymentId);

/// <summary>
/// The workflow's second step: charge the card through the payment port, within the step's timeout; undone by a
/// refund. The deadline counts from when the step's message was sent, which a restart does not change: a step
/// redelivered after a crash keeps the deadline it had. A step past its deadline voids the payment, so a charge
/// that lands late is refunded rather than kept.
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
        PaymentResult result;
        try
        {
            result = await payments.ChargeAsync(
                new PaymentRequest(arguments.PaymentId, arguments.OrderId, arguments.Amount, arguments.Currency, arguments.Card), deadline.Token);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            await payments.RefundAsync(arguments.PaymentId, context.CancellationToken);
            throw new StepTimedOutException("charge-payment", arguments.Timeout);
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
