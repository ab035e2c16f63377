using Platform.Ordering.Application.ChangingItems;
using Platform.Ordering.Application.SubmittingOrder;
using Platform.Ordering.Application.DraftingOrder;

namespace Platform.Ordering.Api;

public static class OrderApiExtensions
{
    /// <summary>The HTTP API's use cases and the order's refusals as problem+json.</summary>
    public static IHostApplicationBuilder AddOrderApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<OrderProblemHandler>();
        builder.Services.AddScoped<DraftOrderHandler>();
        builder.Services.AddScoped<ItemCommands>();
        builder.Services.AddScoped<SubmitOrderHandler>();
        return builder;
    }
}
