using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Ordering.Application.ChargingPayment;
using Platform.Ordering.Application.ReservingStock;

namespace Platform.Ordering.Api;

/// <summary>Read-only views of the workflow's two modules: a product's stock, and what the card processor recorded of a payment.</summary>
public static class StockAndPaymentEndpoints
{
    public static IEndpointRouteBuilder MapStockAndPayments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stock/{productId}", GetStockAsync).WithTags("Stock").WithName("GetStock");
        app.MapGet("/api/payments/{paymentId:guid}", GetPaymentAsync).WithTags("Payments").WithName("GetPayment");
        return app;
    }

    private static async Task<Results<Ok<StockLevel>, ProblemHttpResult>> GetStockAsync(string productId, IStock stock, CancellationToken ct) =>
        await stock.FindAsync(productId, ct) is { } level
            ? TypedResults.Ok(level)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown product", detail: $"No stock is kept for '{productId}'.");

    private static async Task<Results<Ok<PaymentRecord>, ProblemHttpResult>> GetPaymentAsync(Guid paymentId, IPaymentProcessor payments, CancellationToken ct) =>
        await payments.FindAsync(paymentId, ct) is { } payment
            ? TypedResults.Ok(payment)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown payment", detail: $"The processor has no payment '{paymentId}'.");
}
