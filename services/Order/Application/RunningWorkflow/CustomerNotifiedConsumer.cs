using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Platform.Contracts.Orders.V1;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Application.RunningWorkflow;

/// <summary>
/// The email service mailed the customer: the workflow's last step enters the order's history. Its id is derived
/// from the order and the notice, so the email service saying it again records nothing new.
/// </summary>
public sealed class CustomerNotifiedConsumer(WorkflowJournal journal) : IConsumer<CustomerNotified>
{
    public Task Consume(ConsumeContext<CustomerNotified> context)
    {
        var notified = context.Message;
        return journal.RecordStepAsync(notified.OrderId, WorkflowSteps.NotifyCustomer, StepOutcome.Completed, notified.NotifiedAt,
            $"{notified.Notice} mailed to {notified.Recipient}", StepId(notified), context.CancellationToken);
    }

    private static Guid StepId(CustomerNotified notified) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"{notified.OrderId}/{notified.Notice}")));
}
