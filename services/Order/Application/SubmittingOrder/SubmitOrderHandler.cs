using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.SubmittingOrder;

public sealed record SubmitOrder(Guid OrderId, string? Card, long? ExpectedVersion);

/// <summary>
/// The customer submits the order (<c>POST …/submit</c>): the draft's items become final and who is notified is fixed.
/// The workflow starts from the recorded event, sent after commit by the event store's outbox: nothing starts for an
/// order whose submission did not commit. ("Confirm" is the workflow's last step, once stock and payment are done.)
/// </summary>
public sealed class SubmitOrderHandler(IEventSourcedUnitOfWork<Order> orders, ICustomers customers, TimeProvider clock)
{
    public Task<StreamVersion> HandleAsync(SubmitOrder command, CancellationToken ct) =>
        orders.ChangeAsync(command.OrderId, command.ExpectedVersion, async order =>
        {
            var customer = await customers.FindAsync(order.UserId, ct) ?? throw new CustomerUnknownException(order.UserId);
            return OrderDecider.Decide(new Order.Submit(customer, command.Card, clock.GetUtcNow()), order);
        }, ct);
}
