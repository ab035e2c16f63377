using Platform.Ordering.Application.ReservingStock;

namespace Platform.Ordering.Infrastructure.Stock;

public static class StockExtensions
{
    /// <summary>The stock module: its tables in the order database (migrated by <c>AddOrderStore</c>), seeded from <c>Stock</c>.</summary>
    public static IHostApplicationBuilder AddStock(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<StockOptions>(builder.Configuration.GetSection(StockOptions.Section));
        builder.Services.AddHostedService<StockSeed>();
        builder.Services.AddSingleton<IStock, PostgresStock>();
        return builder;
    }
}
