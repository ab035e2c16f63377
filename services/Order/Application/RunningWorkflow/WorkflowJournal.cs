using Platform.Order.Domain;

namespace Platform.Order.Application.RunningWorkflow;

/// <summary>Writes what the workflow reports into the order's own stream: its steps, then how it ended.</summary>
public sealed class WorkflowJournal(OrderChanges changes)
{
    public Task RecordStepAsync(Guid orderId, string step, StepOutcome outcome, DateTimeOffset at, string? detail, Guid executionId, CancellationToken ct) =>
        changes.ApplyAsync(orderId, null, order => order.RecordStep(step, outcome, at, detail, executionId), ct);

    public Task ConfirmAsync(Guid orderId, DateTimeOffset at, CancellationToken ct) =>
        changes.ApplyAsync(orderId, null, order => order.ConfirmWorkflow(at), ct);

    public Task CancelAsync(Guid orderId, string reason, DateTimeOffset at, CancellationToken ct) =>
        changes.ApplyAsync(orderId, null, order => order.CancelWorkflow(reason, at), ct);
}
