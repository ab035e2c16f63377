using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.KnowingCustomers;

/// <summary>The order context's own view of users, fed by the user events; writes are keyed on the user's stream version.</summary>
public interface ICustomers
{
    Task<Customer?> FindAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Stores the customer unless the stored one is as new or newer; false when nothing changed.</summary>
    Task<bool> SaveAsync(Customer customer, CancellationToken cancellationToken);
}

/// <summary>The order context knows no such user yet (or the user may not order): a 422, the request itself is well-formed.</summary>
public sealed class CustomerUnknownException(Guid userId)
    : Exception($"User '{userId}' is not known to the order service, or may not order.");
