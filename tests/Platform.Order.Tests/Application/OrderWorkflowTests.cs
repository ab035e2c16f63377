using Platform.EventStore.UnitOfWork;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Ordering.Application;
using Platform.Ordering.Application.AttendingOrders;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Application.ReservingStock;
using Platform.Ordering.Application.RunningWorkflow;
using Platform.Ordering.Domain;
using Platform.ServiceDefaults;

namespace Platform.Ordering.Tests.Application;

/// <summary>
/// The workflow's every path, run by Courier on MassTransit's in-memory bus with the real steps and report
/// consumers; only the ports (stock, payments, order streams) are in memory.
/// </summary>
public sealed class OrderWorkflowTests
{
    private static readonly TimeSpan PaymentTimeout = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Stock_then_payment_then_confirmation_confirms_the_order()
    {
        var run = await RunAsync(new ScriptedPayments(ScriptedPayments.Behaviour.Charge));

        Assert.Equal(OrderStatus.Confirmed, run.Order.Status);
        Assert.Equal(8, run.Stock.Available("book"));
        Assert.Equal(["charge"], run.Payments.Calls);
        await AssertStepsAsync(run, "reserve-stock Completed", "charge-payment Completed", "confirm-order Completed");
    }

    [Fact]
    public async Task A_declined_payment_releases_the_stock_and_cancels_with_the_reason()
    {
        var run = await RunAsync(new ScriptedPayments(ScriptedPayments.Behaviour.Decline));

        Assert.Equal(OrderStatus.Cancelled, run.Order.Status);
        Assert.Equal("The payment was declined: card declined.", run.Order.CancellationReason);
        Assert.Equal(10, run.Stock.Available("book"));
        Assert.Equal(["charge"], run.Payments.Calls); // a declined charge has nothing to refund
        await AssertStepsAsync(run, "reserve-stock Completed", "charge-payment Failed", "reserve-stock Compensated");
    }

    [Fact]
    public async Task A_payment_that_does_not_answer_in_time_is_voided_and_compensated()
    {
        var run = await RunAsync(new ScriptedPayments(ScriptedPayments.Behaviour.Hang));

        Assert.Equal(OrderStatus.Cancelled, run.Order.Status);
        Assert.Equal("The charge-payment step did not answer within 0.5 s.", run.Order.CancellationReason);
        Assert.Equal(10, run.Stock.Available("book"));
        Assert.Equal(["charge", "void"], run.Payments.Calls);
        await AssertStepsAsync(run, "reserve-stock Completed", "charge-payment Failed", "reserve-stock Compensated");
    }

    [Fact]
    public async Task A_charge_settled_before_the_void_stands_and_the_order_is_confirmed()
    {
        // A workflow re-sent after a crash: its charge step is past the deadline, but the first run's charge stands.
        var run = await RunAsync(new ScriptedPayments(ScriptedPayments.Behaviour.Hang, settledBeforeVoid: PaymentStatus.Charged));

        Assert.Equal(OrderStatus.Confirmed, run.Order.Status);
        Assert.Equal(["charge", "void"], run.Payments.Calls);
        Assert.Equal(8, run.Stock.Available("book"));
    }

    [Fact]
    public async Task A_confirmation_that_fails_after_the_charge_refunds_it_and_releases_the_stock()
    {
        var run = await RunAsync(new ScriptedPayments(ScriptedPayments.Behaviour.Charge), orders: new InMemoryOrders { Failing = typeof(OrderConfirmed) });

        Assert.Equal(OrderStatus.Cancelled, run.Order.Status);
        Assert.Equal("The order store refused OrderConfirmed.", run.Order.CancellationReason);
        Assert.Equal(["charge", "refund"], run.Payments.Calls);
        Assert.Equal(10, run.Stock.Available("book"));
        await AssertStepsAsync(run, "reserve-stock Completed", "charge-payment Completed", "confirm-order Failed",
            "charge-payment Compensated", "reserve-stock Compensated");
    }

    /// <summary>
    /// The confirmation fails after the charge, and the refund that should undo it fails too, after its retries: the
    /// order needs attention, with the reason and the steps done. An admin's retry, once the processor is back,
    /// refunds the charge, releases the stock and cancels the order: no charge is left unrefunded.
    /// </summary>
    [Fact]
    public async Task A_compensation_that_fails_leaves_the_order_needing_attention_until_an_admin_retries_it()
    {
        var payments = new ScriptedPayments(ScriptedPayments.Behaviour.Charge) { RefundsFail = true };
        var run = await RunAsync(payments, orders: new InMemoryOrders { Failing = typeof(OrderConfirmed) });

        Assert.Equal(OrderStatus.NeedsAttention, run.Order.Status);
        Assert.Equal("Undoing the workflow failed: the processor is down", run.Order.AttentionReason);
        Assert.Equal(PaymentStatus.Charged, payments.Standing);
        await AssertStepsAsync(run, "reserve-stock Completed", "charge-payment Completed", "confirm-order Failed", "charge-payment CompensationFailed");

        payments.RefundsFail = false;
        var retry = new RetryCompensationHandler(new InMemoryOrderRepository(run.Orders), payments, run.Stock,
            new WorkflowJournal(run.Orders), TimeProvider.System);
        var compensated = await retry.HandleAsync(run.Order.Id, default);

        Assert.Equal(OrderStatus.Cancelled, compensated.Status);
        Assert.Equal("Compensated by an admin after: Undoing the workflow failed: the processor is down", compensated.CancellationReason);
        Assert.Equal(PaymentStatus.Refunded, payments.Standing);
        Assert.Equal(10, run.Stock.Available("book"));
        Assert.Equal(OrderRule.OnlyOrdersNeedingAttentionAreCompensated,
            (await Assert.ThrowsAsync<OrderRuleBrokenException>(() => retry.HandleAsync(run.Order.Id, default))).Rule);
    }

    [Fact]
    public async Task Too_little_stock_fails_the_first_step_and_charges_nothing()
    {
        var run = await RunAsync(new ScriptedPayments(ScriptedPayments.Behaviour.Charge), quantity: 11);

        Assert.Equal(OrderStatus.Cancelled, run.Order.Status);
        Assert.Equal("Not enough stock of 'book': 11 wanted, 10 available.", run.Order.CancellationReason);
        Assert.Empty(run.Payments.Calls);
        await AssertStepsAsync(run, "reserve-stock Failed");
    }

    [Fact]
    public async Task The_same_workflow_sent_twice_charges_and_reserves_once()
    {
        var run = await RunAsync(new ScriptedPayments(ScriptedPayments.Behaviour.Charge), times: 2);

        Assert.Equal(OrderStatus.Confirmed, run.Order.Status);
        Assert.Equal(8, run.Stock.Available("book"));
        Assert.Equal(OrderStatus.Confirmed, run.Orders.Load(run.Order.Id)!.Status);
    }

    [Fact]
    public async Task Through_the_http_payment_adapter_the_same_workflow_charges_and_compensates()
    {
        await using var api = await PaymentApiStub.StartAsync();

        var charged = await RunAsync(api.Gateway());
        var declined = await RunAsync(api.Gateway(), card: PaymentApiStub.DecliningCard);

        Assert.Equal(OrderStatus.Confirmed, charged.Order.Status);
        Assert.Equal(PaymentStatus.Charged, api.Payments[charged.Order.Id].Status);
        Assert.Equal(OrderStatus.Cancelled, declined.Order.Status);
        Assert.Equal(10, declined.Stock.Available("book"));
        Assert.Equal(PaymentStatus.Declined, api.Payments[declined.Order.Id].Status);
    }

    private sealed record Run(Order Order, InMemoryOrders Orders, InMemoryStock Stock, IPaymentProcessor Processor)
    {
        public ScriptedPayments Payments => (ScriptedPayments)Processor;
    }

    /// <summary>Submits an order for <paramref name="quantity"/> books (10 in stock), starts its workflow and waits for it to end.</summary>
    private static async Task<Run> RunAsync(
        IPaymentProcessor payments, int quantity = 2, int times = 1, string card = "4242424242424242", InMemoryOrders? orders = null)
    {
        orders ??= new InMemoryOrders();
        var stock = new InMemoryStock(new() { ["book"] = 10 });
        await using var provider = new ServiceCollection()
            .AddSingleton<IEventSourcedUnitOfWork<Order>>(orders)
            .AddSingleton<IStock>(stock)
            .AddSingleton<IPaymentProcessor>(payments)
            .AddSingleton(TimeProvider.System)
            .AddScoped<WorkflowJournal>()
            .AddSingleton<OrderWorkflow>()
            .Configure<OrderWorkflowOptions>(options => options.PaymentTimeout = PaymentTimeout)
            .AddMassTransitTestHarness(bus =>
            {
                bus.SetKebabCaseEndpointNameFormatter();
                bus.AddActivities(typeof(OrderWorkflow).Assembly);
                bus.AddConsumer<StepCompletedConsumer>();
                bus.AddConsumer<StepFaultedConsumer>();
                bus.AddConsumer<StepCompensatedConsumer>();
                bus.AddConsumer<WorkflowFaultedConsumer>();
                bus.AddConsumer<StepCompensationFailedConsumer>();
                bus.AddConsumer<WorkflowCompensationFailedConsumer>();
                bus.UsingInMemory((context, memory) =>
                {
                    memory.UseMessageRetry(retry =>
                    {
                        retry.Immediate(5); // the reports race for the order's stream, as on RabbitMQ
                        retry.Ignore<PermanentFailureException>();
                    });
                    memory.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var submitted = await SubmitAsync(orders, await payments.TokenizeAsync(card, default), quantity);
        var trackingNumber = Guid.NewGuid();
        for (var i = 0; i < times; i++)
            await harness.Bus.Execute(provider.GetRequiredService<OrderWorkflow>().Plan(submitted, trackingNumber));

        var order = await WaitForEndAsync(orders, submitted.OrderId);
        await harness.InactivityTask; // every report consumed
        return new Run(orders.Load(order.Id)!, orders, stock, payments);
    }

    private static async Task<OrderSubmitted> SubmitAsync(InMemoryOrders orders, PaymentMethod payment, int quantity)
    {
        var orderId = Guid.NewGuid();
        await orders.StartAsync(orderId, OrderDecider.Decide(new Order.Draft(orderId, Guid.NewGuid(), "EUR"), null), default);
        await orders.ChangeAsync(orderId, 1, order => OrderDecider.Decide(new Order.AddItem("book", quantity, Money.Of(5m, "EUR")), order), default);
        await orders.ChangeAsync(orderId, 2, order =>
            OrderDecider.Decide(new Order.Submit(new Customer(order.UserId, "Ada", "ada@example.com", 1), payment, DateTimeOffset.UtcNow), order), default);
        return (OrderSubmitted)orders.EventsOf(orderId)[^1];
    }

    private static async Task<Order> WaitForEndAsync(InMemoryOrders orders, Guid orderId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var order = orders.Load(orderId)!;
            if (order.Status is OrderStatus.Confirmed or OrderStatus.Cancelled or OrderStatus.NeedsAttention)
                return order;
            Assert.True(DateTime.UtcNow < deadline, $"the workflow did not end; the order is {order.Status}");
            await Task.Delay(20);
        }
    }

    private static async Task AssertStepsAsync(Run run, params string[] expected)
    {
        var order = run.Orders.Load(run.Order.Id)!;
        Assert.Equal(expected, order.Steps.OrderBy(step => step.At).Select(step => $"{step.Name} {step.Outcome}"));
    }
}
