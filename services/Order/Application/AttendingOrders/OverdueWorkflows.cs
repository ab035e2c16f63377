using Microsoft.Extensions.Options;
using Platform.Ordering.Application.ListingOrders;
using Platform.Ordering.Application.RunningWorkflow;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.AttendingOrders;

/// <summary>
/// Flags the orders whose workflow has not ended within its deadline: a message lost for good, a step stuck. They
/// then show as needing attention instead of staying submitted for ever. A workflow that ends later still ends them.
/// </summary>
public sealed class OverdueWorkflows(IOrderSummaries summaries, WorkflowJournal journal, IOptions<OrderWorkflowOptions> options, TimeProvider clock)
{
    private const int Batch = 100;

    /// <returns>How many orders were flagged.</returns>
    public async Task<int> FlagAsync(CancellationToken ct)
    {
        var deadline = options.Value.Deadline;
        var now = clock.GetUtcNow();
        var overdue = await summaries.InStatusAsync(OrderStatus.Submitted, now - deadline, Batch, ct);
        foreach (var order in overdue)
            await journal.FlagAsync(order.Id, $"The workflow did not end within {deadline.TotalMinutes:0.#} min of the submission.", now, ct);
        return overdue.Count;
    }
}
