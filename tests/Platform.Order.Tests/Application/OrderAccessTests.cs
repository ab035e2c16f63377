using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Application;
using Platform.Ordering.Application.ChangingItems;
using Platform.Ordering.Application.DraftingOrder;
using Platform.Ordering.Application.KnowingCustomers;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Tests.Application;

/// <summary>
/// An order is its customer's (ADR 0037): another user finds no order, even with a stale If-Match (so a 412 never
/// tells them it exists), and may not draft in the customer's name; the customer and an admin act on it.
/// </summary>
public sealed class OrderAccessTests
{
    private static readonly Guid CustomerId = Guid.NewGuid();
    private static readonly Requester TheCustomer = new(CustomerId, IsAdmin: false);
    private static readonly Requester AnotherUser = new(Guid.NewGuid(), IsAdmin: false);
    private static readonly Requester AnAdmin = new(null, IsAdmin: true);

    [Fact]
    public async Task Another_user_finds_no_order_before_any_version_is_compared_and_the_customer_and_an_admin_change_it()
    {
        var orders = new InMemoryOrders();
        var items = new ItemCommands(orders);
        var id = Guid.NewGuid();
        await orders.StartAsync(id, OrderDecider.Decide(new Order.Draft(id, CustomerId, "EUR"), null), default);

        await Assert.ThrowsAsync<StreamNotFoundException>(() => items.AddAsync(new AddItem(id, "book", 1, 5m, ExpectedVersion: 1, AnotherUser), default));
        await Assert.ThrowsAsync<StreamNotFoundException>(() => items.AddAsync(new AddItem(id, "book", 1, 5m, ExpectedVersion: 7, AnotherUser), default));
        await Assert.ThrowsAsync<StreamNotFoundException>(() => items.RemoveAsync(new RemoveItem(id, "book", null, AnotherUser), default));
        Assert.Single(orders.EventsOf(id));

        Assert.Equal(2, (await items.AddAsync(new AddItem(id, "book", 1, 5m, ExpectedVersion: 1, TheCustomer), default)).Version);
        Assert.Equal(3, (await items.AddAsync(new AddItem(id, "pen", 1, 2m, ExpectedVersion: 2, AnAdmin), default)).Version);
        await Assert.ThrowsAsync<StaleVersionException>(() => items.AddAsync(new AddItem(id, "book", 1, 5m, ExpectedVersion: 1, TheCustomer), default));
    }

    [Fact]
    public async Task A_user_drafts_for_themself_an_admin_for_any_customer_and_no_one_in_another_users_name()
    {
        var orders = new InMemoryOrders();
        var drafts = new DraftOrderHandler(new KnownCustomers(CustomerId), orders);

        await Assert.ThrowsAsync<NotTheCustomerException>(() => drafts.HandleAsync(new DraftOrder(CustomerId, "EUR", AnotherUser), default));
        Assert.Equal(0, orders.StreamCount);

        var own = await drafts.HandleAsync(new DraftOrder(CustomerId, "EUR", TheCustomer), default);
        var forThem = await drafts.HandleAsync(new DraftOrder(CustomerId, "EUR", AnAdmin), default);
        Assert.Equal([CustomerId, CustomerId], new[] { orders.Load(own.Id)!.UserId, orders.Load(forThem.Id)!.UserId });
    }

    private sealed class KnownCustomers(Guid known) : ICustomers
    {
        public Task<Customer?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
            Task.FromResult(userId == known ? new Customer(userId, "Ada", "ada@example.com", 1) : null);

        public Task<bool> SaveAsync(Customer customer, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
