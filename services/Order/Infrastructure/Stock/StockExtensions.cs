using Platform.Ordering.Application.ReservingStock;

namespace Platform.Ordering.Infrastructure.Stock;

public static class StockExtensions
{
    /// <summary>The stock module: its tables in the order database (after <c>AddOrderStore</c>), seeded from <c>Stock</c>.</summary>
    public static IHostApplicationBuilder AddStock(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<StockOptions>(builder.Configuration.GetSection(StockOptions.Section));
        builder.Services.AddHostedService<StockSchema>();
        builder.Services.AddSingleton<IStock, PostgresStock>();
        return builder;
    }
}
