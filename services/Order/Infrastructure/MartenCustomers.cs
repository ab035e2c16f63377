using Marten;
using Platform.Order.Application.KnowingCustomers;
using Platform.Order.Domain;

namespace Platform.Order.Infrastructure;

/// <summary>Customers as Marten documents in the order database; an older version never overwrites a newer one.</summary>
public sealed class MartenCustomers(IDocumentSession session) : ICustomers
{
    public Task<Customer?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        session.LoadAsync<Customer>(userId, cancellationToken);

    public async Task<bool> SaveAsync(Customer customer, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Customer>(customer.Id, cancellationToken) is { } stored && stored.Version >= customer.Version)
            return false;
        session.Store(customer);
        await session.SaveChangesAsync(cancellationToken);
        return true;
    }
}
