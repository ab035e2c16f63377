namespace Platform.Order.Application.ConfirmingOrder;

public sealed record ConfirmOrder(Guid OrderId, long? ExpectedVersion);

/// <summary>Makes a draft's items final. The workflow that reserves stock and charges the payment starts from here (next slice).</summary>
public sealed class ConfirmOrderHandler(OrderChanges changes)
{
    public Task<OrderVersion> HandleAsync(ConfirmOrder command, CancellationToken ct) =>
        changes.ApplyAsync(command.OrderId, command.ExpectedVersion, order => order.Confirm(), ct);
}
