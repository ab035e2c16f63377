using MassTransit;
using MassTransit.Courier.Contracts;
using Platform.Ordering.Application.RunningWorkflow;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.AttendingOrders;

/// <summary>Undoing a step failed after its retries: the order's history shows which, and why.</summary>
public sealed class StepCompensationFailedConsumer(WorkflowJournal journal) : IConsumer<RoutingSlipActivityCompensationFailed>
{
    public Task Consume(ConsumeContext<RoutingSlipActivityCompensationFailed> context)
    {
        var report = context.Message;
        return journal.RecordStepAsync(report.OrderId(), report.ActivityName, StepOutcome.CompensationFailed, report.Timestamp + report.Duration,
            report.ExceptionInfo.Message, report.ExecutionId, context.CancellationToken);
    }
}

/// <summary>
/// Courier gave up undoing the workflow: nothing else will end this order, so it waits for a person
/// (<see cref="OrderStatus.NeedsAttention"/>), with the reason; an admin retries the compensation.
/// </summary>
public sealed class WorkflowCompensationFailedConsumer(WorkflowJournal journal) : IConsumer<RoutingSlipCompensationFailed>
{
    public Task Consume(ConsumeContext<RoutingSlipCompensationFailed> context)
    {
        var report = context.Message;
        return journal.FlagAsync(report.OrderId(), $"Undoing the workflow failed: {report.ExceptionInfo.Message}", report.Timestamp,
            context.CancellationToken);
    }
}
