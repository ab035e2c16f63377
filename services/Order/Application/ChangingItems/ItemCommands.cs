using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.ChangingItems;

public sealed record AddItem(Guid OrderId, string? ProductId, int Quantity, decimal UnitPrice, long? ExpectedVersion, Requester By);

public sealed record RemoveItem(Guid OrderId, string? ProductId, long? ExpectedVersion, Requester By);

/// <summary>Adds and removes a draft's items, for its customer or an admin; the aggregate's rules decide.</summary>
public sealed class ItemCommands(IEventSourcedUnitOfWork<Order> orders)
{
    public Task<StreamVersion> AddAsync(AddItem command, CancellationToken ct) =>
        orders.ChangeAsync(command.OrderId, command.ExpectedVersion, command.By.MayReach,
            order => OrderDecider.Decide(new Order.AddItem(command.ProductId, command.Quantity, Money.Of(command.UnitPrice, order.Currency)), order), ct);

    public Task<StreamVersion> RemoveAsync(RemoveItem command, CancellationToken ct) =>
        orders.ChangeAsync(command.OrderId, command.ExpectedVersion, command.By.MayReach, order => OrderDecider.Decide(new Order.RemoveItem(command.ProductId), order), ct);
}
