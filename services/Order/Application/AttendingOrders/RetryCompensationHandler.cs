using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Application.ReservingStock;
using Platform.Ordering.Application.RunningWorkflow;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.AttendingOrders;

/// <summary>
/// An admin retries the compensation of an order that needs attention: whatever its workflow did is undone, and the
/// order is cancelled. The payment is voided if no charge landed (so none can land later) and refunded if one did;
/// the stock is released. Each of these is idempotent, so a retry that fails halfway may be retried again.
/// </summary>
public sealed class RetryCompensationHandler(
    IOrderRepository orders, IPaymentProcessor payments, IStock stock, WorkflowJournal journal, TimeProvider clock)
{
    public async Task<Order> HandleAsync(Guid orderId, CancellationToken ct)
    {
        var order = await orders.LoadAsync(orderId, ct) ?? throw new StreamNotFoundException(nameof(Order), orderId);
        OrderRuleBrokenException.ThrowUnless(order.Status == OrderStatus.NeedsAttention, OrderRule.OnlyOrdersNeedingAttentionAreCompensated,
            $"The order is {order.Status.ToString().ToLowerInvariant()}: only an order that needs attention is compensated by hand.");

        // The workflow's payment id is the order's id (OrderWorkflow).
        var payment = await payments.VoidAsync(new PaymentRequest(orderId, orderId, order.Total.Amount, order.Currency, order.Payment?.Token ?? ""), ct);
        if (payment.Status == PaymentStatus.Charged)
            await payments.RefundAsync(orderId, ct);
        await stock.ReleaseAsync(orderId, ct);

        var at = clock.GetUtcNow();
        var undone = payment.Status == PaymentStatus.Charged ? "refunded" : $"nothing to refund (the payment is {payment.Status.ToString().ToLowerInvariant()})";
        await journal.RecordStepAsync(orderId, WorkflowSteps.ChargePayment, StepOutcome.Compensated, at, $"by an admin: {undone}", Guid.NewGuid(), ct);
        await journal.RecordStepAsync(orderId, WorkflowSteps.ReserveStock, StepOutcome.Compensated, at, "by an admin: released", Guid.NewGuid(), ct);
        await journal.CancelAsync(orderId, $"Compensated by an admin after: {order.AttentionReason}", at, ct);
        return (await orders.LoadAsync(orderId, ct))!;
    }
}
