namespace Platform.Order.Application;

/// <summary>
/// The one way an existing order changes: load it, check the caller's version, let the aggregate decide, append.
/// A race lost after the check is a failed precondition for a conditional request.
/// </summary>
public sealed class OrderChanges(IOrderRepository orders)
{
    public async Task<OrderVersion> ApplyAsync(Guid orderId, long? expectedVersion, Func<Domain.Order, object> decide, CancellationToken ct)
    {
        var order = await orders.LoadAsync(orderId, ct) ?? throw new OrderNotFoundException(orderId);
        if (expectedVersion is { } expected && expected != order.Version)
            throw new OrderVersionMismatchException(orderId, expected);

        var change = decide(order);
        try
        {
            return new OrderVersion(orderId, await orders.AppendAsync(orderId, order.Version, change, ct));
        }
        catch (OrderConcurrencyConflictException) when (expectedVersion is { } conditional)
        {
            throw new OrderVersionMismatchException(orderId, conditional);
        }
    }
}
