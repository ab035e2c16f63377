using Platform.Ordering.Application.ListingOrders;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Api;

public sealed record DraftOrderRequest(Guid? UserId, string? Currency);

public sealed record AddItemRequest(string? ProductId, int? Quantity, decimal? UnitPrice);

public sealed record SubmitOrderRequest(PaymentDetails? Payment);

/// <summary>The card to charge; the simulator's test cards decide the outcome (see README).</summary>
public sealed record PaymentDetails(string? Card);

public sealed record OrderVersionResponse(Guid Id, long Version);

public sealed record OrderLineResponse(string ProductId, int Quantity, decimal UnitPrice, decimal Total);

public sealed record WorkflowStepResponse(string Name, string Outcome, DateTimeOffset At, string? Detail);

public sealed record OrderResponse(
    Guid Id, Guid UserId, string Status, string Currency, decimal Total, long Version, IReadOnlyList<OrderLineResponse> Items,
    DateTimeOffset? SubmittedAt, DateTimeOffset? EndedAt, string? CancellationReason, IReadOnlyList<WorkflowStepResponse> Steps)
{
    public static OrderResponse From(Order order) => new(
        order.Id, order.UserId, order.Status.ToString(), order.Currency, order.Total.Amount, order.Version,
        [.. order.Lines.Select(line => new OrderLineResponse(line.ProductId, line.Quantity, line.UnitPrice.Amount, line.Total.Amount))],
        order.SubmittedAt, order.EndedAt, order.CancellationReason,
        [.. order.Steps.OrderBy(step => step.At).Select(step => new WorkflowStepResponse(step.Name, Outcome(step.Outcome), step.At, step.Detail))]);

    private static string Outcome(StepOutcome outcome) => outcome.ToString().ToLowerInvariant();
}

public sealed record OrderSummaryResponse(Guid Id, string Status, string Currency, decimal Total, long Version, DateTimeOffset DraftedAt, DateTimeOffset UpdatedAt)
{
    public static OrderSummaryResponse From(OrderSummary summary) =>
        new(summary.Id, summary.Status, summary.Currency, summary.Total, summary.Version, summary.DraftedAt, summary.UpdatedAt);
}
