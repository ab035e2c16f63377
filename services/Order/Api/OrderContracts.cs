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
    DateTimeOffset? SubmittedAt, DateTimeOffset? EndedAt, string? CancellationReason, IReadOnlyList<WorkflowStepResponse> Steps,
    string? AttentionReason, PaymentMethodResponse? Payment)
{
    public static OrderResponse From(Order order) => new(
        order.Id, order.UserId, order.Status.ToString(), order.Currency, order.Total.Amount, order.Version,
        [.. order.Lines.Select(line => new OrderLineResponse(line.ProductId, line.Quantity, line.UnitPrice.Amount, line.Total.Amount))],
        order.SubmittedAt, order.EndedAt, order.CancellationReason,
        [.. order.Steps.OrderBy(step => step.At).Select(step => new WorkflowStepResponse(step.Name, Outcome(step.Outcome), step.At, step.Detail))],
        order.AttentionReason, order.Payment is { } payment ? new PaymentMethodResponse(payment.Brand, payment.Last4) : null);

    /// <summary>"completed", "failed", "compensated", "compensation-failed".</summary>
    private static string Outcome(StepOutcome outcome) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString());
}

/// <summary>What is shown of the card an order is paid with: never its number, nor the processor's token.</summary>
public sealed record PaymentMethodResponse(string Brand, string Last4);

/// <summary>An order whose workflow could not be undone or did not end: what an admin sees before retrying its compensation.</summary>
public sealed record AttentionResponse(Guid Id, Guid UserId, decimal Total, string Currency, string? Reason, DateTimeOffset Since)
{
    public static AttentionResponse From(OrderSummary summary) =>
        new(summary.Id, summary.UserId, summary.Total, summary.Currency, summary.AttentionReason, summary.UpdatedAt);
}

public sealed record OrderSummaryResponse(Guid Id, string Status, string Currency, decimal Total, long Version, DateTimeOffset DraftedAt, DateTimeOffset UpdatedAt)
{
    public static OrderSummaryResponse From(OrderSummary summary) =>
        new(summary.Id, summary.Status, summary.Currency, summary.Total, summary.Version, summary.DraftedAt, summary.UpdatedAt);
}
