using Marten;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Infrastructure.Erasure;

/// <summary>
/// The order store's masking rules for protected information, applied by Marten's event data masking: a card number
/// keeps its last four digits (ADR 0035), and an erased customer's name and address are gone (ADR 0038). Only an
/// erasure masks the events other than the submission, and only its own customer's orders.
/// </summary>
public static class OrderStoreMasking
{
    public static void AddOrderMasking(this StoreOptions options, CustomersBeingErased erasing)
    {
        options.Events.AddMaskingRuleForProtectedInformation<OrderSubmitted>(submitted => erasing.Includes(submitted.UserId)
            ? submitted with { Card = PaymentCard.Mask(submitted.Card), CustomerName = Customer.ErasedData, CustomerEmail = Customer.ErasedData }
            : submitted with { Card = PaymentCard.Mask(submitted.Card) });
        options.Events.AddMaskingRuleForProtectedInformation<OrderConfirmed>(confirmed =>
            confirmed with { CustomerName = Customer.ErasedData, CustomerEmail = Customer.ErasedData });
        options.Events.AddMaskingRuleForProtectedInformation<OrderCancelled>(cancelled =>
            cancelled with { CustomerName = Customer.ErasedData, CustomerEmail = Customer.ErasedData });
        // "order-confirmed mailed to ada@example.com": the notification step names the address.
        options.Events.AddMaskingRuleForProtectedInformation<WorkflowStepRecorded>(step =>
            step.Step == WorkflowSteps.NotifyCustomer ? step with { Detail = Customer.ErasedData } : step);
    }
}
