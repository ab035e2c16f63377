using MassTransit;

namespace Platform.Ordering.Application.RunningWorkflow;

public sealed record ConfirmOrderArguments(Guid OrderId);

/// <summary>The workflow's last step: stock and payment are secured, so the order stands. Its event notifies the customer.</summary>
public sealed class ConfirmOrderActivity(WorkflowJournal journal, TimeProvider clock) : IExecuteActivity<ConfirmOrderArguments>
{
    public async Task<ExecutionResult> Execute(ExecuteContext<ConfirmOrderArguments> context)
    {
        await journal.ConfirmAsync(context.Arguments.OrderId, clock.GetUtcNow(), context.CancellationToken);
        return context.Completed();
    }
}
