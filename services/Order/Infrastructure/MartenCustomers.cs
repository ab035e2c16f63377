using Marten;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure;

/// <summary>
/// Customers as Marten documents in the order database; an older version never overwrites a newer one, also when
/// two are written at once (optimistic concurrency on the document: the loser's store throws and is retried).
/// </summary>
public sealed class MartenCustomers(IDocumentSession session) : ICustomers
{
    public Task<Customer?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        session.LoadAsync<Customer>(userId, cancellationToken);

    public async Task<bool> SaveAsync(Customer customer, CancellationToken cancellationToken)
    {
        var stored = await session.LoadAsync<Customer>(customer.Id, cancellationToken);
        if (stored is not null && stored.Version >= customer.Version)
            return false;
        if (stored is null)
            session.Insert(customer); // a concurrent first write of the same user fails as a duplicate, and is retried
        else
            session.Store(customer); // checked against the version loaded above

        await session.SaveChangesAsync(cancellationToken);
        return true;
    }
}
