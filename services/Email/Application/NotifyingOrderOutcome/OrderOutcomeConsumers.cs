using MassTransit;
using Platform.Contracts.Orders.V1;
using Platform.Email.Domain;
using Platform.Email.Application.DeliveringMail;

namespace Platform.Email.Application.NotifyingOrderOutcome;

/// <summary>
/// The order workflow's last step: the customer hears how the order ended, and the order service hears that the
/// mail went out (a redelivery says so again; the order's history keeps the first).
/// </summary>
public sealed class OrderConfirmedConsumer(MailDelivery delivery, TimeProvider clock) : IConsumer<OrderConfirmed>
{
    public async Task Consume(ConsumeContext<OrderConfirmed> context)
    {
        var confirmed = context.Message;
        var mail = Mails.OrderConfirmed(confirmed.OrderId, confirmed.UserId, confirmed.CustomerName, confirmed.CustomerEmail, confirmed.Total, confirmed.Currency);
        await delivery.DeliverAsync([mail], MailRetries.IsLast(context.GetRetryAttempt()), context.CancellationToken);
        await context.Publish(OrderNotices.Sent(confirmed.OrderId, mail, clock.GetUtcNow()), context.CancellationToken);
    }
}

public sealed class OrderCancelledConsumer(MailDelivery delivery, TimeProvider clock) : IConsumer<OrderCancelled>
{
    public async Task Consume(ConsumeContext<OrderCancelled> context)
    {
        var cancelled = context.Message;
        var mail = Mails.OrderCancelled(cancelled.OrderId, cancelled.UserId, cancelled.CustomerName, cancelled.CustomerEmail, cancelled.Reason);
        await delivery.DeliverAsync([mail], MailRetries.IsLast(context.GetRetryAttempt()), context.CancellationToken);
        await context.Publish(OrderNotices.Sent(cancelled.OrderId, mail, clock.GetUtcNow()), context.CancellationToken);
    }
}

internal static class OrderNotices
{
    /// <summary>"OrderConfirmed" becomes "order-confirmed".</summary>
    public static CustomerNotified Sent(Guid orderId, OutgoingMail mail, DateTimeOffset at) =>
        new(orderId, KebabCaseEndpointNameFormatter.Instance.SanitizeName(mail.Key.Purpose.ToString()), mail.To, at);
}
