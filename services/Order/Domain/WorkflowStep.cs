namespace Platform.Ordering.Domain;

public enum StepOutcome
{
    Completed,
    Failed,
    Compensated,

    /// <summary>Undoing the step failed, after its retries.</summary>
    CompensationFailed,
}

/// <summary>What the order's history shows of its workflow: a step, how it went, and when.</summary>
public sealed record WorkflowStep(string Name, StepOutcome Outcome, DateTimeOffset At, string? Detail, Guid ExecutionId);

/// <summary>The workflow's step names, as the history shows them.</summary>
public static class WorkflowSteps
{
    public const string ReserveStock = "reserve-stock";
    public const string ChargePayment = "charge-payment";
    public const string ConfirmOrder = "confirm-order";

    /// <summary>Reported by the email service once the customer was mailed how the order ended.</summary>
    public const string NotifyCustomer = "notify-customer";
}
