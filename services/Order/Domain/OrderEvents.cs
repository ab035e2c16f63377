namespace Platform.Ordering.Domain;

/// <summary>A draft order was opened for a user, in one currency.</summary>
public sealed record OrderDrafted(Guid OrderId, Guid UserId, string Currency);

public sealed record ItemAdded(Guid OrderId, string ProductId, int Quantity, decimal UnitPrice, string Currency);

public sealed record ItemRemoved(Guid OrderId, string ProductId);

/// <summary>
/// The customer submitted the order: its lines, total, payment method (a token, never a card number) and the address
/// to notify are fixed here, and the workflow starts from this event (the event store is the outbox).
/// </summary>
public sealed record OrderSubmitted(
    Guid OrderId, Guid UserId, string CustomerName, string CustomerEmail,
    IReadOnlyList<SubmittedLine> Lines, decimal Total, string Currency, PaymentMethod? Payment, DateTimeOffset At)
{
    /// <summary>
    /// The card number that events stored before tokenization carried. Never written now; the order store's masking
    /// rule keeps only its last four digits, and <c>LegacyCardMasking</c> applies it to the stored events (ADR 0035).
    /// </summary>
    public string? Card { get; init; }
}

public sealed record SubmittedLine(string ProductId, int Quantity);

/// <summary>One step of the workflow happened (or failed, or was undone) at a time; the step's execution id makes a redelivery a no-op.</summary>
public sealed record WorkflowStepRecorded(Guid OrderId, string Step, StepOutcome Outcome, DateTimeOffset At, string? Detail, Guid ExecutionId);

/// <summary>Stock reserved and payment charged: the order stands.</summary>
public sealed record OrderConfirmed(
    Guid OrderId, Guid UserId, string CustomerName, string CustomerEmail, decimal Total, string Currency, DateTimeOffset At);

/// <summary>The workflow could not be undone, or did not end in time: the order waits for a person, with the reason.</summary>
public sealed record OrderNeedsAttention(Guid OrderId, string Reason, DateTimeOffset At);

/// <summary>The workflow failed at a step and was compensated.</summary>
public sealed record OrderCancelled(
    Guid OrderId, Guid UserId, string CustomerName, string CustomerEmail, string Reason, DateTimeOffset At);
