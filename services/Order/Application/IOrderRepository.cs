using Platform.Order.Domain;

namespace Platform.Order.Application;

/// <summary>Port to the order event streams: one stream per order, its version the ETag.</summary>
public interface IOrderRepository
{
    Task<Domain.Order?> LoadAsync(Guid orderId, CancellationToken cancellationToken);

    Task StartAsync(OrderDrafted drafted, CancellationToken cancellationToken);

    /// <summary>Appends one event if the stream is still at <paramref name="expectedVersion"/>; returns the new version.</summary>
    Task<long> AppendAsync(Guid orderId, long expectedVersion, object @event, CancellationToken cancellationToken);
}

/// <summary>What a command returns: the order it touched and the stream version after it.</summary>
public sealed record OrderVersion(Guid Id, long Version);
