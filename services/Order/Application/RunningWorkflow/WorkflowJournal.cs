using Platform.EventStore.UnitOfWork;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.RunningWorkflow;

/// <summary>
/// Writes what the workflow reports into the order's own stream: its steps, then how it ended. A report that is
/// already recorded decides nothing (the workflow's messages may arrive twice). The reports of one order arrive at
/// once (a step's report beside the next step's own write), so each waits its turn on the stream rather than racing
/// the others and being retried (ADR 0057).
/// </summary>
public sealed class WorkflowJournal(IEventSourcedUnitOfWork<Order> orders)
{
    public Task RecordStepAsync(Guid orderId, string step, StepOutcome outcome, DateTimeOffset at, string? detail, Guid executionId, CancellationToken ct) =>
        orders.ChangeInTurnAsync(orderId, order => OrderDecider.Decide(new Order.RecordStep(step, outcome, at, detail, executionId), order), ct);

    public Task ConfirmAsync(Guid orderId, DateTimeOffset at, CancellationToken ct) =>
        orders.ChangeInTurnAsync(orderId, order => OrderDecider.Decide(new Order.ConfirmWorkflow(at), order), ct);

    public Task FlagAsync(Guid orderId, string reason, DateTimeOffset at, CancellationToken ct) =>
        orders.ChangeInTurnAsync(orderId, order => OrderDecider.Decide(new Order.FlagForAttention(reason, at), order), ct);

    public Task CancelAsync(Guid orderId, string reason, DateTimeOffset at, CancellationToken ct) =>
        orders.ChangeInTurnAsync(orderId, order => OrderDecider.Decide(new Order.CancelWorkflow(reason, at), order), ct);
}
