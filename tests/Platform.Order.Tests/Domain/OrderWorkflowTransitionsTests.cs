using Platform.Ordering.Domain;
using Platform.Testing;

namespace Platform.Ordering.Tests.Domain;

/// <summary>
/// The order's side of the workflow, Given / When / Then: submitted → confirmed, or submitted → cancelled with its
/// reason; final states stay final, and the workflow's repeated reports decide nothing.
/// </summary>
public sealed class OrderWorkflowTransitionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid OrderId = Guid.NewGuid();
    private static readonly Guid UserId = Guid.NewGuid();

    private static readonly object[] Submitted =
    [
        new OrderDrafted(OrderId, UserId, "EUR"),
        new ItemAdded(OrderId, "book", 2, 10m, "EUR"),
        new OrderSubmitted(OrderId, UserId, "Ada", "ada@example.com", [new SubmittedLine("book", 2)], 20m, "EUR", new PaymentMethod("tok_4242", "visa", "4242"), T0),
    ];

    private static readonly OrderConfirmed Confirmed = new(OrderId, UserId, "Ada", "ada@example.com", 20m, "EUR", T0.AddSeconds(3));

    private static WorkflowStepRecorded Step(string step, StepOutcome outcome, int second, Guid? execution = null, string? detail = null) =>
        new(OrderId, step, outcome, T0.AddSeconds(second), detail, execution ?? Guid.NewGuid());

    private static DeciderSpec<Order> Given(params object[] events) => new DeciderSpec<Order>(OrderDecider.Evolve).Given(events);

    [Fact]
    public void Submitting_starts_the_workflow_and_fixes_who_is_notified()
    {
        var order = Given(Submitted).State!;

        Assert.Equal((OrderStatus.Submitted, (DateTimeOffset?)T0, "Ada", "ada@example.com"),
            (order.Status, order.SubmittedAt, order.CustomerName, order.CustomerEmail));
    }

    [Fact]
    public void A_step_s_report_is_recorded()
    {
        var execution = Guid.NewGuid();

        Given(Submitted)
            .When(state => OrderDecider.Decide(new Order.RecordStep(WorkflowSteps.ReserveStock, StepOutcome.Completed, T0.AddSeconds(1), null, execution), state))
            .Then(Step(WorkflowSteps.ReserveStock, StepOutcome.Completed, 1, execution));
    }

    [Fact]
    public void Completed_steps_then_confirmation_confirm_the_order_with_every_step_timed()
    {
        var steps = new object[] { Step(WorkflowSteps.ReserveStock, StepOutcome.Completed, 1), Step(WorkflowSteps.ChargePayment, StepOutcome.Completed, 2) };

        Given([.. Submitted, .. steps]).When(state => OrderDecider.Decide(new Order.ConfirmWorkflow(T0.AddSeconds(3)), state)).Then(Confirmed);

        var order = Given([.. Submitted, .. steps, Confirmed]).State!;
        Assert.Equal((OrderStatus.Confirmed, (DateTimeOffset?)T0.AddSeconds(3)), (order.Status, order.EndedAt));
        Assert.Equal([(WorkflowSteps.ReserveStock, T0.AddSeconds(1)), (WorkflowSteps.ChargePayment, T0.AddSeconds(2))],
            order.Steps.Select(step => (step.Name, step.At)));
    }

    [Fact]
    public void A_failed_step_compensated_cancels_the_order_with_the_reason()
    {
        object[] history =
        [
            .. Submitted,
            Step(WorkflowSteps.ReserveStock, StepOutcome.Completed, 1),
            Step(WorkflowSteps.ChargePayment, StepOutcome.Failed, 2, detail: "card declined"),
            Step(WorkflowSteps.ReserveStock, StepOutcome.Compensated, 3),
        ];
        var cancelled = new OrderCancelled(OrderId, UserId, "Ada", "ada@example.com", "The payment was declined: card declined.", T0.AddSeconds(4));

        Given(history).When(state => OrderDecider.Decide(new Order.CancelWorkflow(cancelled.Reason, cancelled.At), state)).Then(cancelled);

        var order = Given([.. history, cancelled]).State!;
        Assert.Equal((OrderStatus.Cancelled, cancelled.Reason), (order.Status, order.CancellationReason));
        Assert.Equal([StepOutcome.Completed, StepOutcome.Failed, StepOutcome.Compensated], order.Steps.Select(step => step.Outcome));
    }

    [Fact]
    public void A_repeated_report_decides_nothing()
    {
        var execution = Guid.NewGuid();
        var reserved = Step(WorkflowSteps.ReserveStock, StepOutcome.Completed, 0, execution);

        Given([.. Submitted, reserved])
            .When(state => OrderDecider.Decide(new Order.RecordStep(reserved.Step, reserved.Outcome, reserved.At, null, execution), state)).Then();
        Given([.. Submitted, reserved])
            .When(state => OrderDecider.Decide(new Order.RecordStep(reserved.Step, StepOutcome.Compensated, reserved.At, null, execution), state))
            .Then(Step(WorkflowSteps.ReserveStock, StepOutcome.Compensated, 0, execution));
        Given([.. Submitted, Confirmed]).When(state => OrderDecider.Decide(new Order.ConfirmWorkflow(T0.AddSeconds(9)), state)).Then();
    }

    [Fact]
    public void A_step_reported_after_the_end_still_enters_the_history()
    {
        var late = Step(WorkflowSteps.ChargePayment, StepOutcome.Completed, -1);

        Given([.. Submitted, Confirmed])
            .When(state => OrderDecider.Decide(new Order.RecordStep(late.Step, late.Outcome, late.At, null, late.ExecutionId), state))
            .Then(late);
    }

    [Fact]
    public void Final_states_are_final()
    {
        var cancelled = new OrderCancelled(OrderId, UserId, "Ada", "ada@example.com", "out of stock", T0);

        Assert.Equal(OrderRule.FinalStatesAreFinal, Given([.. Submitted, Confirmed])
            .When(state => OrderDecider.Decide(new Order.CancelWorkflow("late", T0), state)).ThenRefused<OrderRuleBrokenException>().Rule);
        Assert.Equal(OrderRule.FinalStatesAreFinal, Given([.. Submitted, cancelled])
            .When(state => OrderDecider.Decide(new Order.ConfirmWorkflow(T0), state)).ThenRefused<OrderRuleBrokenException>().Rule);
        Given([.. Submitted, cancelled]).When(state => OrderDecider.Decide(new Order.CancelWorkflow("again", T0), state)).Then();
    }

    [Fact]
    public void A_draft_has_no_workflow()
    {
        var draft = Given(Submitted[0], Submitted[1]);

        Assert.Equal(OrderRule.WorkflowNeedsConfirmation,
            draft.When(state => OrderDecider.Decide(new Order.ConfirmWorkflow(T0), state)).ThenRefused<OrderRuleBrokenException>().Rule);
        Assert.Equal(OrderRule.WorkflowNeedsConfirmation,
            draft.When(state => OrderDecider.Decide(new Order.CancelWorkflow("x", T0), state)).ThenRefused<OrderRuleBrokenException>().Rule);
        Assert.Equal(OrderRule.WorkflowNeedsConfirmation,
            draft.When(state => OrderDecider.Decide(new Order.RecordStep("x", StepOutcome.Completed, T0, null, Guid.NewGuid()), state))
                .ThenRefused<OrderRuleBrokenException>().Rule);
    }

    [Fact]
    public void A_running_workflow_is_flagged_with_its_reason_and_a_flagged_one_is_not_flagged_again()
    {
        var flagged = new OrderNeedsAttention(OrderId, "Undoing the workflow failed: the processor is down", T0.AddSeconds(9));

        Given(Submitted).When(state => OrderDecider.Decide(new Order.FlagForAttention(flagged.Reason, flagged.At), state)).Then(flagged);
        Given([.. Submitted, flagged]).When(state => OrderDecider.Decide(new Order.FlagForAttention("again", T0.AddSeconds(10)), state)).Then();
        Assert.Equal((OrderStatus.NeedsAttention, flagged.Reason), (Given([.. Submitted, flagged]).State!.Status, Given([.. Submitted, flagged]).State!.AttentionReason));
    }

    [Fact]
    public void A_workflow_that_ended_is_not_flagged() =>
        Given([.. Submitted, Confirmed]).When(state => OrderDecider.Decide(new Order.FlagForAttention("late", T0.AddSeconds(9)), state)).Then();

    [Fact]
    public void An_order_needing_attention_still_ends_when_its_workflow_ends_after_all()
    {
        var flagged = new OrderNeedsAttention(OrderId, "The workflow did not end within 5 min of the submission.", T0.AddMinutes(5));

        Given([.. Submitted, flagged]).When(state => OrderDecider.Decide(new Order.ConfirmWorkflow(T0.AddMinutes(6)), state))
            .Then(new OrderConfirmed(OrderId, UserId, "Ada", "ada@example.com", 20m, "EUR", T0.AddMinutes(6)));
        Given([.. Submitted, flagged]).When(state => OrderDecider.Decide(new Order.CancelWorkflow("refunded", T0.AddMinutes(6)), state))
            .Then(new OrderCancelled(OrderId, UserId, "Ada", "ada@example.com", "refunded", T0.AddMinutes(6)));
    }
}
