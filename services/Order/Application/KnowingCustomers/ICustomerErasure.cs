namespace Platform.Ordering.Application.KnowingCustomers;

/// <summary>Port to the order store's stored events: an erased customer's name and address are masked in every one of their orders.</summary>
public interface ICustomerErasure
{
    Task MaskOrdersOfAsync(Guid userId, CancellationToken cancellationToken);
}
