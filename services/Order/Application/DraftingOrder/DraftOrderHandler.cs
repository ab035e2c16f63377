using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.DraftingOrder;

public sealed record DraftOrder(Guid Customer, string? Currency, Requester By);

/// <summary>Opens a draft for a customer the order context knows and who may order: the signed-in user, or one an admin names.</summary>
public sealed class DraftOrderHandler(ICustomers customers, IEventSourcedUnitOfWork<Order> orders)
{
    public async Task<StreamVersion> HandleAsync(DraftOrder command, CancellationToken ct)
    {
        var customer = command.Customer;
        if (!command.By.MayActFor(customer))
            throw new NotTheCustomerException(customer);
        var orderId = Guid.CreateVersion7();
        var drafted = OrderDecider.Decide(new Order.Draft(orderId, customer, command.Currency), null);
        if (await customers.FindAsync(customer, ct) is not { MayOrder: true })
            throw new CustomerUnknownException(customer);
        return await orders.StartAsync(orderId, drafted, ct);
    }
}
