using Platform.Order.Domain;

namespace Platform.Order.Api;

public sealed record DraftOrderRequest(Guid? UserId, string? Currency);

public sealed record AddItemRequest(string? ProductId, int? Quantity, decimal? UnitPrice);

public sealed record OrderVersionResponse(Guid Id, long Version);

public sealed record OrderLineResponse(string ProductId, int Quantity, decimal UnitPrice, decimal Total);

public sealed record OrderResponse(Guid Id, Guid UserId, string Status, string Currency, decimal Total, long Version, IReadOnlyList<OrderLineResponse> Items)
{
    public static OrderResponse From(Domain.Order order) => new(
        order.Id, order.UserId, order.Status.ToString(), order.Currency, order.Total.Amount, order.Version,
        [.. order.Lines.Select(line => new OrderLineResponse(line.ProductId, line.Quantity, line.UnitPrice.Amount, line.Total.Amount))]);
}
