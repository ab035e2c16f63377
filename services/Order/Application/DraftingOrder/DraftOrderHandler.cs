using Platform.Order.Application.KnowingCustomers;

namespace Platform.Order.Application.DraftingOrder;

public sealed record DraftOrder(Guid UserId, string? Currency);

/// <summary>Opens a draft for a customer the order context knows and who may order.</summary>
public sealed class DraftOrderHandler(ICustomers customers, IOrderRepository orders)
{
    public async Task<OrderVersion> HandleAsync(DraftOrder command, CancellationToken ct)
    {
        var drafted = Domain.Order.Draft(Guid.CreateVersion7(), command.UserId, command.Currency);
        if (await customers.FindAsync(command.UserId, ct) is not { MayOrder: true })
            throw new CustomerUnknownException(command.UserId);
        await orders.StartAsync(drafted, ct);
        return new OrderVersion(drafted.OrderId, 1);
    }
}
