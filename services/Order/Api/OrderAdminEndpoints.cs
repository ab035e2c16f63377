using Platform.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ordering.Application.AttendingOrders;
using Platform.Ordering.Application.ListingOrders;
using Platform.Ordering.Domain;

namespace Platform.Ordering.Api;

/// <summary>
/// /api/admin/orders: the orders that need a person (their workflow's compensation failed, or it did not end within
/// its deadline), and the retry of an order's compensation.
/// </summary>
public static class OrderAdminEndpoints
{
    public static IEndpointRouteBuilder MapOrderAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/orders").WithTags("Admin").RequireAdmin();
        admin.MapGet("/attention", ListAsync).WithName("ListOrdersNeedingAttention");
        admin.MapPost("/{id:guid}/compensate", CompensateAsync).WithName("RetryOrderCompensation");
        return app;
    }

    private static async Task<Ok<AttentionResponse[]>> ListAsync(int? limit, IOrderSummaries summaries, TimeProvider clock, CancellationToken ct)
    {
        var orders = await summaries.InStatusAsync(OrderStatus.NeedsAttention, clock.GetUtcNow().AddMinutes(1), Math.Clamp(limit ?? 100, 1, 500), ct);
        return TypedResults.Ok(orders.Select(AttentionResponse.From).ToArray());
    }

    private static async Task<Ok<OrderResponse>> CompensateAsync(Guid id, RetryCompensationHandler handler, CancellationToken ct) =>
        TypedResults.Ok(OrderResponse.From(await handler.HandleAsync(id, ct)));
}
