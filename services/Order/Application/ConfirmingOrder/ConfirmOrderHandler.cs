using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.ConfirmingOrder;

public sealed record ConfirmOrder(Guid OrderId, string? Card, long? ExpectedVersion);

/// <summary>
/// Makes a draft's items final and fixes who is notified. The workflow starts from the recorded event, sent after
/// commit by the event store's outbox: nothing starts for an order whose confirmation did not commit.
/// </summary>
public sealed class ConfirmOrderHandler(IEventSourcedUnitOfWork<Order> orders, ICustomers customers, TimeProvider clock)
{
    public Task<StreamVersion> HandleAsync(ConfirmOrder command, CancellationToken ct) =>
        orders.ChangeAsync(command.OrderId, command.ExpectedVersion, async order =>
        {
            var customer = await customers.FindAsync(order.UserId, ct) ?? throw new CustomerUnknownException(order.UserId);
            return OrderDecider.Decide(new Order.Submit(customer, command.Card, clock.GetUtcNow()), order);
        }, ct);
}
