using Platform.Order.Application.KnowingCustomers;

namespace Platform.Order.Application.ConfirmingOrder;

public sealed record ConfirmOrder(Guid OrderId, string? Card, long? ExpectedVersion);

/// <summary>
/// Makes a draft's items final and fixes who is notified. The workflow starts from the recorded event, sent after
/// commit by the event store's outbox: nothing starts for an order whose confirmation did not commit.
/// </summary>
public sealed class ConfirmOrderHandler(OrderChanges changes, ICustomers customers, TimeProvider clock)
{
    public Task<OrderVersion> HandleAsync(ConfirmOrder command, CancellationToken ct) =>
        changes.ApplyAsync(command.OrderId, command.ExpectedVersion, async order =>
        {
            var customer = await customers.FindAsync(order.UserId, ct) ?? throw new CustomerUnknownException(order.UserId);
            return (object?)order.Submit(customer, command.Card, clock.GetUtcNow());
        }, ct);
}
