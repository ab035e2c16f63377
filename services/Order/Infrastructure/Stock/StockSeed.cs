using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Ordering.Infrastructure.Stock;

/// <summary>Seeds the stock module's products from configuration when the service starts (its tables are the migration V1__stock.sql).</summary>
public sealed class StockSeed([FromKeyedServices(OrderStoreExtensions.DatabaseName)] NpgsqlDataSource database, IOptions<StockOptions> options, ILogger<StockSeed> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var batch = database.CreateBatch();
        foreach (var (product, quantity) in options.Value.Products)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO stock.products (product_id, available) VALUES ($1, $2) ON CONFLICT (product_id) DO NOTHING")
            {
                Parameters = { new() { Value = product }, new() { Value = quantity } },
            });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        logger.LogInformation("Stock ready: {ProductCount} products configured", options.Value.Products.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
