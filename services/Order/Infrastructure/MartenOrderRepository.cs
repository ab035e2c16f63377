using JasperFx;
using Marten;
using Platform.EventStore;
using Platform.Order.Application;
using Platform.Order.Domain;

namespace Platform.Order.Infrastructure;

/// <summary>Order streams in Marten; a lost race becomes the application's concurrency conflict.</summary>
public sealed class MartenOrderRepository(IDocumentSession session) : IOrderRepository
{
    public Task<Domain.Order?> LoadAsync(Guid orderId, CancellationToken cancellationToken) =>
        session.Events.AggregateStreamAsync<Domain.Order>(orderId, token: cancellationToken);

    public async Task StartAsync(OrderDrafted drafted, CancellationToken cancellationToken)
    {
        session.RecordTraceContext();
        session.Events.StartStream<Domain.Order>(drafted.OrderId, drafted);
        await session.SaveChangesAsync(cancellationToken);
    }

    public async Task<long> AppendAsync(Guid orderId, long expectedVersion, object @event, CancellationToken cancellationToken)
    {
        var newVersion = expectedVersion + 1; // Marten's expected version is the stream's version once this event is in
        session.RecordTraceContext();
        session.Events.Append(orderId, newVersion, @event);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyException conflict)
        {
            throw new OrderConcurrencyConflictException(orderId, conflict);
        }
        return newVersion;
    }
}
