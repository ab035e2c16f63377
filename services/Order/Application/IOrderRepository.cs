using Platform.Ordering.Domain;

namespace Platform.Ordering.Application;

/// <summary>Port to read an order as it is now; every change goes through the event-sourced unit of work instead.</summary>
public interface IOrderRepository
{
    Task<Order?> LoadAsync(Guid orderId, CancellationToken cancellationToken);
}
