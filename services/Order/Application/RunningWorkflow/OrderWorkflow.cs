using MassTransit;
using MassTransit.Courier.Contracts;
using Microsoft.Extensions.Options;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Application.ReservingStock;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.RunningWorkflow;

public sealed class OrderWorkflowOptions
{
    public const string Section = "Orders:Workflow";

    /// <summary>How long the payment step may take before it counts as failed and the order is compensated.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a submitted order's workflow may run before the order is flagged as needing attention.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the overdue workflows are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The order workflow as a Courier routing slip: reserve stock, charge the payment, confirm the order. A step that
/// fails makes Courier undo the completed ones in reverse (release, refund); the slip carries its own state, so
/// there is no saga to store (ADR 0014). The payment id is the order id: one order, at most one charge.
/// </summary>
public sealed class OrderWorkflow(IEndpointNameFormatter endpoints, IOptions<OrderWorkflowOptions> options)
{
    public const string OrderIdVariable = "OrderId";

    /// <param name="trackingNumber">Fixed by the event that starts it: a re-sent event starts the same slip again, and every step is idempotent.</param>
    public RoutingSlip Plan(OrderSubmitted submitted, Guid trackingNumber)
    {
        var slip = new RoutingSlipBuilder(trackingNumber);
        slip.AddVariable(OrderIdVariable, submitted.OrderId);
        slip.AddActivity(WorkflowSteps.ReserveStock, Execute<ReserveStockActivity, ReserveStockArguments>(),
            new ReserveStockArguments(submitted.OrderId, submitted.Lines));
        slip.AddActivity(WorkflowSteps.ChargePayment, Execute<ChargePaymentActivity, ChargePaymentArguments>(),
            new ChargePaymentArguments(submitted.OrderId, submitted.OrderId, submitted.Total, submitted.Currency,
                submitted.Payment?.Token ?? throw new InvalidOperationException($"Order {submitted.OrderId} was submitted before tokenization: it has no card token."),
                options.Value.PaymentTimeout));
        slip.AddActivity(WorkflowSteps.ConfirmOrder, Execute<ConfirmOrderActivity, ConfirmOrderArguments>(),
            new ConfirmOrderArguments(submitted.OrderId));
        return slip.Build();
    }

    private Uri Execute<TActivity, TArguments>()
        where TActivity : class, IExecuteActivity<TArguments>
        where TArguments : class =>
        new($"queue:{endpoints.ExecuteActivity<TActivity, TArguments>()}");
}
