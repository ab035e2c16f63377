using Marten;
using Platform.Ordering.Application;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure;

/// <summary>An order as it is now, replayed from its stream.</summary>
public sealed class MartenOrderRepository(IQuerySession session) : IOrderRepository
{
    public Task<Order?> LoadAsync(Guid orderId, CancellationToken cancellationToken) =>
        session.Events.AggregateStreamAsync<Order>(orderId, token: cancellationToken);
}
