namespace Platform.Order.Application;

/// <summary>
/// The unit of work every change of an existing order goes through: load it, check the caller's version, let the
/// aggregate decide, append. The appended events are also the outgoing messages (the event store is the outbox),
/// so one commit writes both or neither. A race lost after the check is a failed precondition for a conditional
/// request. A decision of null changes nothing (the workflow's repeated reports) and answers the current version.
/// </summary>
public sealed class OrderChanges(IOrderRepository orders)
{
    public Task<OrderVersion> ApplyAsync(Guid orderId, long? expectedVersion, Func<Domain.Order, object?> decide, CancellationToken ct) =>
        ApplyAsync(orderId, expectedVersion, order => Task.FromResult(decide(order)), ct);

    public async Task<OrderVersion> ApplyAsync(Guid orderId, long? expectedVersion, Func<Domain.Order, Task<object?>> decide, CancellationToken ct)
    {
        var order = await orders.LoadAsync(orderId, ct) ?? throw new OrderNotFoundException(orderId);
        if (expectedVersion is { } expected && expected != order.Version)
            throw new OrderVersionMismatchException(orderId, expected);

        if (await decide(order) is not { } change)
            return new OrderVersion(orderId, order.Version);
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
