using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ordering.Application;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Application.ReservingStock;

namespace Platform.Ordering.Api;

/// <summary>
/// Read-only views of the workflow's two modules: a product's stock (a public catalogue), and what the card processor
/// recorded of a payment (the order's customer or an admin: a signed-in caller, 404 for anyone else).
/// </summary>
public static class StockAndPaymentEndpoints
{
    public static IEndpointRouteBuilder MapStockAndPayments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stock/{productId}", GetStockAsync).WithTags("Stock").WithName("GetStock");
        app.MapGet("/api/payments/{paymentId:guid}", GetPaymentAsync).WithTags("Payments").WithName("GetPayment").RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<StockLevel>, ProblemHttpResult>> GetStockAsync(string productId, IStock stock, CancellationToken ct) =>
        await stock.FindAsync(productId, ct) is { } level
            ? TypedResults.Ok(level)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown product", detail: $"No stock is kept for '{productId}'.");

    /// <summary>The payment id is the order's: the order says whose it is.</summary>
    private static async Task<Results<Ok<PaymentRecord>, ProblemHttpResult>> GetPaymentAsync(
        Guid paymentId, IPaymentProcessor payments, IOrderRepository orders, HttpContext http, CancellationToken ct) =>
        await orders.LoadAsync(paymentId, ct) is { } order && http.User.AsRequester().MayReach(order) && await payments.FindAsync(paymentId, ct) is { } payment
            ? TypedResults.Ok(payment)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown payment", detail: $"The processor has no payment '{paymentId}'.");
}
