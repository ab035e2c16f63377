using JasperFx.Events;
using Platform.EventStore.Outbox;
using Platform.Ordering.Application.RunningWorkflow;
using Platform.Ordering.Domain;
using Published = Platform.Contracts.Orders.V1;

namespace Platform.Ordering.Infrastructure.Outbox;

/// <summary>
/// What the order context sends once its events commit: a confirmed order starts its workflow (the routing slip,
/// tracked by the event's id) and is announced as placed; how an order ended goes out as a public contract (the email
/// service notifies). Analytics counts all three contracts.
/// </summary>
public sealed class OrderOutboxMessages(OrderWorkflow workflow) : IOutboxMessages
{
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(OrderSubmitted), typeof(OrderConfirmed), typeof(OrderCancelled)];

    public IEnumerable<object> ToMessages(IEvent stored) => stored.Data switch
    {
        // An order submitted before tokenization and not yet forwarded has no token to charge: no workflow starts, and
        // the deadline sweep shows it as needing attention rather than letting it stop the outbox (ADR 0035).
        OrderSubmitted { Payment: null } legacy =>
        [
            new Published.OrderPlaced(legacy.OrderId, legacy.UserId, legacy.Total, legacy.Currency, legacy.At),
        ],
        OrderSubmitted submitted =>
        [
            workflow.Plan(submitted, stored.Id),
            new Published.OrderPlaced(submitted.OrderId, submitted.UserId, submitted.Total, submitted.Currency, submitted.At),
        ],
        OrderConfirmed confirmed =>
        [
            new Published.OrderConfirmed(confirmed.OrderId, confirmed.UserId, confirmed.CustomerName,
                confirmed.CustomerEmail, confirmed.Total, confirmed.Currency, confirmed.At),
        ],
        OrderCancelled cancelled =>
        [
            new Published.OrderCancelled(cancelled.OrderId, cancelled.UserId, cancelled.CustomerName,
                cancelled.CustomerEmail, cancelled.Reason, cancelled.At),
        ],
        _ => [],
    };
}
