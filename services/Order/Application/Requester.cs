using Platform.Ordering.Domain;

namespace Platform.Ordering.Application;

/// <summary>
/// Who asks, as the checked token says: a signed-in user (<see cref="UserId"/>), an admin, or both. An order is its
/// customer's: a user drafts for themself and reaches only their own orders; an admin reaches every order and may
/// draft for a given customer (support). Anyone else finds nothing there, as for an order that does not exist.
/// </summary>
public sealed record Requester(Guid? UserId, bool IsAdmin)
{
    public bool MayActFor(Guid customer) => IsAdmin || UserId == customer;

    public bool MayReach(Order order) => MayActFor(order.UserId);
}

/// <summary>A user asked for something of another customer's (a draft in their name, their list of orders): a 403.</summary>
public sealed class NotTheCustomerException(Guid customer)
    : Exception($"Only customer '{customer}' themself, or an admin, may do this: an order is drafted and listed for the signed-in user.");
