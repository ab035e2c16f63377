using Platform.Ordering.Domain;

namespace Platform.Ordering.Tests.Domain;

/// <summary>
/// The order's side of the workflow: submitted → confirmed, or submitted → cancelled with its reason; final states
/// stay final, and the workflow's repeated reports change nothing.
/// </summary>
public sealed class OrderWorkflowTransitionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static Order Submitted()
    {
        var order = Order.Create(Order.Draft(Guid.NewGuid(), Guid.NewGuid(), "EUR"));
        order.Apply(order.AddItem("book", 2, Money.Of(10m, "EUR")));
        order.Apply(order.Submit(new Customer(order.UserId, "Ada", "ada@example.com", 1), "4242424242424242", T0));
        return order;
    }

    private static void Apply(Order order, object? change)
    {
        switch (change)
        {
            case WorkflowStepRecorded step: order.Apply(step); break;
            case OrderConfirmed confirmed: order.Apply(confirmed); break;
            case OrderCancelled cancelled: order.Apply(cancelled); break;
            case null: break;
            default: throw new InvalidOperationException(change.GetType().Name);
        }
    }

    [Fact]
    public void Submitting_starts_the_workflow_and_fixes_who_is_notified()
    {
        var order = Submitted();

        Assert.Equal(OrderStatus.Submitted, order.Status);
        Assert.Equal(T0, order.SubmittedAt);
        Assert.Equal(("Ada", "ada@example.com"), (order.CustomerName, order.CustomerEmail));
    }

    [Fact]
    public void Completed_steps_then_confirmation_confirm_the_order_with_every_step_timed()
    {
        var order = Submitted();
        Apply(order, order.RecordStep(WorkflowSteps.ReserveStock, StepOutcome.Completed, T0.AddSeconds(1), null, Guid.NewGuid()));
        Apply(order, order.RecordStep(WorkflowSteps.ChargePayment, StepOutcome.Completed, T0.AddSeconds(2), null, Guid.NewGuid()));
        var confirmed = order.ConfirmWorkflow(T0.AddSeconds(3));
        Apply(order, confirmed);

        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.Equal(T0.AddSeconds(3), order.EndedAt);
        Assert.Equal((20m, "EUR", "ada@example.com"), (confirmed!.Total, confirmed.Currency, confirmed.CustomerEmail));
        Assert.Equal([(WorkflowSteps.ReserveStock, T0.AddSeconds(1)), (WorkflowSteps.ChargePayment, T0.AddSeconds(2))],
            order.Steps.Select(step => (step.Name, step.At)));
    }

    [Fact]
    public void A_failed_step_compensated_cancels_the_order_with_the_reason()
    {
        var order = Submitted();
        Apply(order, order.RecordStep(WorkflowSteps.ReserveStock, StepOutcome.Completed, T0.AddSeconds(1), null, Guid.NewGuid()));
        Apply(order, order.RecordStep(WorkflowSteps.ChargePayment, StepOutcome.Failed, T0.AddSeconds(2), "card declined", Guid.NewGuid()));
        Apply(order, order.RecordStep(WorkflowSteps.ReserveStock, StepOutcome.Compensated, T0.AddSeconds(3), null, Guid.NewGuid()));
        Apply(order, order.CancelWorkflow("The payment was declined: card declined.", T0.AddSeconds(4)));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("The payment was declined: card declined.", order.CancellationReason);
        Assert.Equal([StepOutcome.Completed, StepOutcome.Failed, StepOutcome.Compensated], order.Steps.Select(step => step.Outcome));
    }

    [Fact]
    public void A_timed_out_step_cancels_like_any_failure()
    {
        var order = Submitted();
        Apply(order, order.CancelWorkflow("The charge-payment step did not answer within 5 s.", T0.AddSeconds(5)));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Contains("did not answer", order.CancellationReason);
    }

    [Fact]
    public void A_repeated_report_changes_nothing()
    {
        var order = Submitted();
        var execution = Guid.NewGuid();
        Apply(order, order.RecordStep(WorkflowSteps.ReserveStock, StepOutcome.Completed, T0, null, execution));

        Assert.Null(order.RecordStep(WorkflowSteps.ReserveStock, StepOutcome.Completed, T0, null, execution));
        Assert.NotNull(order.RecordStep(WorkflowSteps.ReserveStock, StepOutcome.Compensated, T0, null, execution));

        Apply(order, order.ConfirmWorkflow(T0));
        Assert.Null(order.ConfirmWorkflow(T0.AddSeconds(1)));
        Assert.Equal(T0, order.EndedAt);
    }

    [Fact]
    public void A_step_reported_after_the_end_still_enters_the_history()
    {
        var order = Submitted();
        Apply(order, order.ConfirmWorkflow(T0));

        Apply(order, order.RecordStep(WorkflowSteps.ChargePayment, StepOutcome.Completed, T0.AddSeconds(-1), null, Guid.NewGuid()));

        Assert.Equal(WorkflowSteps.ChargePayment, Assert.Single(order.Steps).Name);
    }

    [Fact]
    public void Final_states_are_final()
    {
        var confirmed = Submitted();
        Apply(confirmed, confirmed.ConfirmWorkflow(T0));
        var cancelled = Submitted();
        Apply(cancelled, cancelled.CancelWorkflow("out of stock", T0));

        Assert.Equal(OrderRule.FinalStatesAreFinal, Assert.Throws<OrderRuleBrokenException>(() => confirmed.CancelWorkflow("late", T0)).Rule);
        Assert.Equal(OrderRule.FinalStatesAreFinal, Assert.Throws<OrderRuleBrokenException>(() => cancelled.ConfirmWorkflow(T0)).Rule);
        Assert.Null(cancelled.CancelWorkflow("again", T0));
    }

    [Fact]
    public void A_draft_has_no_workflow()
    {
        var draft = Order.Create(Order.Draft(Guid.NewGuid(), Guid.NewGuid(), "EUR"));

        Assert.Equal(OrderRule.WorkflowNeedsConfirmation, Assert.Throws<OrderRuleBrokenException>(() => draft.ConfirmWorkflow(T0)).Rule);
        Assert.Equal(OrderRule.WorkflowNeedsConfirmation, Assert.Throws<OrderRuleBrokenException>(() => draft.CancelWorkflow("x", T0)).Rule);
        Assert.Equal(OrderRule.WorkflowNeedsConfirmation,
            Assert.Throws<OrderRuleBrokenException>(() => draft.RecordStep("x", StepOutcome.Completed, T0, null, Guid.NewGuid())).Rule);
    }
}
