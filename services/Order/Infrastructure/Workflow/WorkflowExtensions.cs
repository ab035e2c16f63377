using MassTransit;
using Platform.Ordering.Application.AttendingOrders;
using Platform.Ordering.Application.RunningWorkflow;

namespace Platform.Ordering.Infrastructure.Workflow;

public static class WorkflowExtensions
{
    /// <summary>
    /// The order workflow: the routing slip it builds, the journal its reports are written to, its timeouts, and what
    /// becomes of an order whose workflow could not be undone or did not end (it needs attention; admins compensate it).
    /// </summary>
    public static IHostApplicationBuilder AddOrderWorkflow(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<OrderWorkflowOptions>(builder.Configuration.GetSection(OrderWorkflowOptions.Section));
        builder.Services.AddSingleton<OrderWorkflow>();
        builder.Services.AddScoped<WorkflowJournal>();
        builder.Services.AddScoped<OverdueWorkflows>();
        builder.Services.AddScoped<RetryCompensationHandler>();
        builder.Services.AddHostedService<WorkflowDeadlineSweep>();
        return builder;
    }

    /// <summary>Every consumer of the service, and the workflow's steps, each on its own execute and compensate queues.</summary>
    public static void AddOrderMessaging(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumers(typeof(OrderWorkflow).Assembly);
        bus.AddActivities(typeof(OrderWorkflow).Assembly);
    }
}
