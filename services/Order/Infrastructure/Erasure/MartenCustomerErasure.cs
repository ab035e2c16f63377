using Marten;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Application.ListingOrders;

namespace Platform.Ordering.Infrastructure.Erasure;

/// <summary>
/// Masks an erased customer's orders with Marten's event data masking and the rules of <see cref="OrderStoreMasking"/>:
/// the orders are found by their summaries (an inline projection, so every order has one).
/// </summary>
public sealed class MartenCustomerErasure(IDocumentSession session, CustomersBeingErased erasing) : ICustomerErasure
{
    public async Task MaskOrdersOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        var orders = await session.Query<OrderSummary>().Where(summary => summary.UserId == userId).Select(summary => summary.Id).ToListAsync(cancellationToken);
        if (orders.Count == 0)
            return;
        using (erasing.Begin(userId))
            await session.DocumentStore.Advanced.ApplyEventDataMasking(masking =>
            {
                foreach (var order in orders)
                    masking.IncludeStream(order);
            }, cancellationToken);
    }
}
