namespace Platform.Ordering.Domain;

/// <summary>A draft order was opened for a user, in one currency.</summary>
public sealed record OrderDrafted(Guid OrderId, Guid UserId, string Currency);

public sealed record ItemAdded(Guid OrderId, string ProductId, int Quantity, decimal UnitPrice, string Currency);

public sealed record ItemRemoved(Guid OrderId, string ProductId);

/// <summary>
/// The customer confirmed the order: its lines, total, payment card and the address to notify are fixed here, and the
/// workflow starts from this event (the event store is the outbox).
/// </summary>
public sealed record OrderSubmitted(
    Guid OrderId, Guid UserId, string CustomerName, string CustomerEmail,
    IReadOnlyList<SubmittedLine> Lines, decimal Total, string Currency, string Card, DateTimeOffset At);

public sealed record SubmittedLine(string ProductId, int Quantity);

/// <summary>One step of the workflow happened (or failed, or was undone) at a time; the step's execution id makes a redelivery a no-op.</summary>
public sealed record WorkflowStepRecorded(Guid OrderId, string Step, StepOutcome Outcome, DateTimeOffset At, string? Detail, Guid ExecutionId);

/// <summary>Stock reserved and payment charged: the order stands.</summary>
public sealed record OrderConfirmed(
    Guid OrderId, Guid UserId, string CustomerName, string CustomerEmail, decimal Total, string Currency, DateTimeOffset At);

/// <summary>The workflow failed at a step and was compensated.</summary>
public sealed record OrderCancelled(
    Guid OrderId, Guid UserId, string CustomerName, string CustomerEmail, string Reason, DateTimeOffset At);
