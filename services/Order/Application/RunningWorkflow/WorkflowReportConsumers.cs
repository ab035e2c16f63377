using MassTransit;
using MassTransit.Courier.Contracts;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.RunningWorkflow;

/// <summary>
/// Courier reports each step of an order's routing slip; these write them into the order's stream, which is how
/// GET /api/orders/{id} shows every step with the time it ended. A redelivered report changes nothing.
/// </summary>
public sealed class StepCompletedConsumer(WorkflowJournal journal) : IConsumer<RoutingSlipActivityCompleted>
{
    public Task Consume(ConsumeContext<RoutingSlipActivityCompleted> context)
    {
        var report = context.Message;
        return journal.RecordStepAsync(report.OrderId(), report.ActivityName, StepOutcome.Completed, report.Timestamp + report.Duration,
            $"took {report.Duration.TotalMilliseconds:0} ms", report.ExecutionId, context.CancellationToken);
    }
}

public sealed class StepFaultedConsumer(WorkflowJournal journal) : IConsumer<RoutingSlipActivityFaulted>
{
    public Task Consume(ConsumeContext<RoutingSlipActivityFaulted> context)
    {
        var report = context.Message;
        return journal.RecordStepAsync(report.OrderId(), report.ActivityName, StepOutcome.Failed, report.Timestamp + report.Duration,
            report.ExceptionInfo.Message, report.ExecutionId, context.CancellationToken);
    }
}

public sealed class StepCompensatedConsumer(WorkflowJournal journal) : IConsumer<RoutingSlipActivityCompensated>
{
    public Task Consume(ConsumeContext<RoutingSlipActivityCompensated> context)
    {
        var report = context.Message;
        return journal.RecordStepAsync(report.OrderId(), report.ActivityName, StepOutcome.Compensated, report.Timestamp + report.Duration,
            "undone", report.ExecutionId, context.CancellationToken);
    }
}

/// <summary>Every completed step has been undone: the order is cancelled with the failed step's reason.</summary>
public sealed class WorkflowFaultedConsumer(WorkflowJournal journal) : IConsumer<RoutingSlipFaulted>
{
    public Task Consume(ConsumeContext<RoutingSlipFaulted> context)
    {
        var report = context.Message;
        var reason = report.ActivityExceptions.FirstOrDefault()?.ExceptionInfo.Message ?? "The workflow failed.";
        return journal.CancelAsync(report.OrderId(), reason, report.Timestamp, context.CancellationToken);
    }
}

internal static class RoutingSlipReports
{
    public static Guid OrderId(this RoutingSlipActivityCompleted report) => Read(report.Variables);

    public static Guid OrderId(this RoutingSlipActivityFaulted report) => Read(report.Variables);

    public static Guid OrderId(this RoutingSlipActivityCompensated report) => Read(report.Variables);

    public static Guid OrderId(this RoutingSlipFaulted report) => Read(report.Variables);

    public static Guid OrderId(this RoutingSlipActivityCompensationFailed report) => Read(report.Variables);

    public static Guid OrderId(this RoutingSlipCompensationFailed report) => Read(report.Variables);

    private static Guid Read(IDictionary<string, object> variables) =>
        variables.TryGetValue(OrderWorkflow.OrderIdVariable, out var value) && Guid.TryParse(value?.ToString(), out var id)
            ? id
            : throw new InvalidOperationException("The routing slip carries no order id.");
}
