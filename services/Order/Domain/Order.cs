using System.Collections.Immutable;

namespace Platform.Ordering.Domain;

/// <summary>
/// The event-sourced order's state: an immutable record, rebuilt by folding its stream with
/// <see cref="OrderDecider.Evolve"/> (Marten folds it through <see cref="Create"/> and the <c>Apply</c> methods). What
/// may happen to an order is decided by <see cref="OrderDecider"/>, on the commands below, by its rules
/// (<see cref="OrderRule"/>).
/// </summary>
public sealed record Order(
    Guid Id, Guid UserId, string Currency, OrderStatus Status, ImmutableList<OrderLine> Lines, ImmutableList<WorkflowStep> Steps,
    string? CancellationReason, string? CustomerName, string? CustomerEmail, DateTimeOffset? SubmittedAt, DateTimeOffset? EndedAt, long Version,
    string? AttentionReason = null, PaymentMethod? Payment = null)
{
    /// <summary>Open a draft for a customer, in one currency.</summary>
    public sealed record Draft(Guid OrderId, Guid UserId, string? Currency);

    public sealed record AddItem(string? ProductId, int Quantity, Money UnitPrice);

    public sealed record RemoveItem(string? ProductId);

    /// <summary>The customer submits the order: the lines become final and the workflow may start.</summary>
    public sealed record Submit(Customer Customer, PaymentMethod Payment, DateTimeOffset At);

    /// <summary>The workflow reports a step (the same execution's outcome twice is one report).</summary>
    public sealed record RecordStep(string Step, StepOutcome Outcome, DateTimeOffset At, string? Detail, Guid ExecutionId);

    /// <summary>Every step succeeded.</summary>
    public sealed record ConfirmWorkflow(DateTimeOffset At);

    /// <summary>The workflow failed and was compensated.</summary>
    public sealed record CancelWorkflow(string Reason, DateTimeOffset At);

    /// <summary>The workflow's compensation failed, or it did not end within its deadline.</summary>
    public sealed record FlagForAttention(string Reason, DateTimeOffset At);

    public Money Total => Lines.Aggregate(Money.Zero(Currency), (sum, line) => sum.Plus(line.Total));

    public static Order Create(OrderDrafted drafted) => OrderDecider.Evolve(null, drafted);

    public Order Apply(ItemAdded added) => OrderDecider.Evolve(this, added);

    public Order Apply(ItemRemoved removed) => OrderDecider.Evolve(this, removed);

    public Order Apply(OrderSubmitted submitted) => OrderDecider.Evolve(this, submitted);

    public Order Apply(WorkflowStepRecorded recorded) => OrderDecider.Evolve(this, recorded);

    public Order Apply(OrderConfirmed confirmed) => OrderDecider.Evolve(this, confirmed);

    public Order Apply(OrderCancelled cancelled) => OrderDecider.Evolve(this, cancelled);

    public Order Apply(OrderNeedsAttention flagged) => OrderDecider.Evolve(this, flagged);
}
