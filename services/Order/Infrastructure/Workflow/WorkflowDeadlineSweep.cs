using Microsoft.Extensions.Options;
using Platform.Ordering.Application.AttendingOrders;
using Platform.Ordering.Application.RunningWorkflow;

namespace Platform.Ordering.Infrastructure.Workflow;

/// <summary>Runs <see cref="OverdueWorkflows"/> every sweep interval; a failed sweep is logged and the next one tries again.</summary>
public sealed class WorkflowDeadlineSweep(
    IServiceScopeFactory scopes, IOptions<OrderWorkflowOptions> options, TimeProvider clock, ILogger<WorkflowDeadlineSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var flagged = await scope.ServiceProvider.GetRequiredService<OverdueWorkflows>().FlagAsync(stoppingToken);
                if (flagged > 0)
                    logger.LogWarning("{Count} order(s) whose workflow did not end within {Deadline} now need attention", flagged, options.Value.Deadline);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The sweep for overdue workflows failed; the next one tries again");
            }
        }
    }
}
