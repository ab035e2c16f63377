using Platform.EventStore.UnitOfWork;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Ordering.Application.AttendingOrders;
using Platform.Ordering.Application.ListingOrders;
using Platform.Ordering.Application.RunningWorkflow;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Tests.Application;

/// <summary>The sweep flags only the submitted orders older than the deadline; an order that ended is left as it is.</summary>
public sealed class OverdueWorkflowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Submitted_orders_past_the_deadline_need_attention_and_the_others_are_left_alone()
    {
        var orders = new InMemoryOrders();
        var overdue = await SubmittedAsync(orders);
        var recent = await SubmittedAsync(orders);
        var summaries = new Summaries(orders, new() { [overdue] = Now.AddMinutes(-6), [recent] = Now.AddMinutes(-1) });
        var sweep = new OverdueWorkflows(summaries, new WorkflowJournal(orders),
            Options.Create(new OrderWorkflowOptions { Deadline = TimeSpan.FromMinutes(5) }), new FakeTimeProvider(Now));

        Assert.Equal(1, await sweep.FlagAsync(default));

        Assert.Equal(OrderStatus.NeedsAttention, orders.Load(overdue)!.Status);
        Assert.Equal("The workflow did not end within 5 min of the submission.", orders.Load(overdue)!.AttentionReason);
        Assert.Equal(OrderStatus.Submitted, orders.Load(recent)!.Status);
        Assert.Equal(0, await sweep.FlagAsync(default)); // flagged once
    }

    private static async Task<Guid> SubmittedAsync(InMemoryOrders orders)
    {
        var id = Guid.NewGuid();
        await orders.StartAsync(id, OrderDecider.Decide(new Order.Draft(id, Guid.NewGuid(), "EUR"), null), default);
        await orders.ChangeAsync(id, 1, order => OrderDecider.Decide(new Order.AddItem("book", 1, Money.Of(5m, "EUR")), order), default);
        await orders.ChangeAsync(id, 2, order =>
            OrderDecider.Decide(new Order.Submit(new Customer(order.UserId, "Ada", "ada@example.com", 1), new PaymentMethod("tok_4242", "visa", "4242"), Now.AddMinutes(-10)), order), default);
        return id;
    }

    /// <summary>The summaries as the inline projection keeps them: the order's status, and when its summary last changed.</summary>
    private sealed class Summaries(InMemoryOrders orders, Dictionary<Guid, DateTimeOffset> updated) : IOrderSummaries
    {
        public Task<IReadOnlyList<OrderSummary>> ForUserAsync(Guid userId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<OrderSummary>> InStatusAsync(OrderStatus status, DateTimeOffset before, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OrderSummary>>([.. updated
                .Where(entry => orders.Load(entry.Key)!.Status == status && entry.Value < before)
                .Select(entry => new OrderSummary { Id = entry.Key, Status = status.ToString(), UpdatedAt = entry.Value })]);
    }
}
