using MassTransit;
using Platform.Contracts.Orders.V1;
using Platform.Email.Domain;

namespace Platform.Email.Application.NotifyingOrderOutcome;

/// <summary>The order workflow's last step: the customer hears how the order ended.</summary>
public sealed class OrderConfirmedConsumer(MailDelivery delivery) : IConsumer<OrderConfirmed>
{
    public Task Consume(ConsumeContext<OrderConfirmed> context)
    {
        var confirmed = context.Message;
        return delivery.DeliverAsync(
            [Mails.OrderConfirmed(confirmed.OrderId, confirmed.CustomerName, confirmed.CustomerEmail, confirmed.Total, confirmed.Currency)],
            MailRetries.IsLast(context.GetRetryAttempt()), context.CancellationToken);
    }
}

public sealed class OrderCancelledConsumer(MailDelivery delivery) : IConsumer<OrderCancelled>
{
    public Task Consume(ConsumeContext<OrderCancelled> context)
    {
        var cancelled = context.Message;
        return delivery.DeliverAsync(
            [Mails.OrderCancelled(cancelled.OrderId, cancelled.CustomerName, cancelled.CustomerEmail, cancelled.Reason)],
            MailRetries.IsLast(context.GetRetryAttempt()), context.CancellationToken);
    }
}
