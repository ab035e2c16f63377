using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.DraftingOrder;

public sealed record DraftOrder(Guid UserId, string? Currency);

/// <summary>Opens a draft for a customer the order context knows and who may order.</summary>
public sealed class DraftOrderHandler(ICustomers customers, IEventSourcedUnitOfWork<Order> orders)
{
    public async Task<StreamVersion> HandleAsync(DraftOrder command, CancellationToken ct)
    {
        var orderId = Guid.CreateVersion7();
        var drafted = OrderDecider.Decide(new Order.Draft(orderId, command.UserId, command.Currency), null);
        if (await customers.FindAsync(command.UserId, ct) is not { MayOrder: true })
            throw new CustomerUnknownException(command.UserId);
        return await orders.StartAsync(orderId, drafted, ct);
    }
}
