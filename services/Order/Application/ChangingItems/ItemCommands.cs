using Platform.Order.Domain;

namespace Platform.Order.Application.ChangingItems;

public sealed record AddItem(Guid OrderId, string? ProductId, int Quantity, decimal UnitPrice, long? ExpectedVersion);

public sealed record RemoveItem(Guid OrderId, string? ProductId, long? ExpectedVersion);

/// <summary>Adds and removes a draft's items; the aggregate's rules decide.</summary>
public sealed class ItemCommands(OrderChanges changes)
{
    public Task<OrderVersion> AddAsync(AddItem command, CancellationToken ct) =>
        changes.ApplyAsync(command.OrderId, command.ExpectedVersion,
            order => order.AddItem(command.ProductId, command.Quantity, Money.Of(command.UnitPrice, order.Currency)), ct);

    public Task<OrderVersion> RemoveAsync(RemoveItem command, CancellationToken ct) =>
        changes.ApplyAsync(command.OrderId, command.ExpectedVersion, order => order.RemoveItem(command.ProductId), ct);
}
